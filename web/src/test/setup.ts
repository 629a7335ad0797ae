import { afterEach } from 'vitest';
import { cleanup, configure } from '@testing-library/react';

// Two shared cores: give findBy* queries room when the machine is busy.
configure({ asyncUtilTimeout: 4000 });

afterEach(() => {
  if (typeof document === 'undefined') return; // node-environment tests
  cleanup();
  sessionStorage.clear();
  localStorage.clear();
});
