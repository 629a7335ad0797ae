import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';

afterEach(() => {
  if (typeof document === 'undefined') return; // node-environment tests
  cleanup();
  sessionStorage.clear();
  localStorage.clear();
});
