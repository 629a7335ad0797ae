import { describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import { renderRoutes } from '@/test/utils';
import { RouteError } from './ErrorView';

function Broken(): never {
  throw new Error('Cannot read properties of undefined');
}

describe('route errors', () => {
  it('explain a page that failed to render instead of leaving it blank', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    renderRoutes([{ path: '/', element: <Broken />, errorElement: <RouteError /> }], { language: 'fr' });
    expect(await screen.findByText('Une erreur est survenue')).toBeTruthy();
    expect(screen.getByText('Cannot read properties of undefined')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Réessayer' })).toBeTruthy();
  });
});
