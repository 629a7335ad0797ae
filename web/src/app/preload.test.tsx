import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { routes } from '@/app/router';
import { mockFetch, renderRoutes } from '@/test/utils';
import { resetSession, signIn } from '@/lib/auth/session';
import { adoption, departmentHeatmap, kpis, me } from '@/test/fixtures';

describe('a cold load of the overview', () => {
  it('asks for its figures while /me is still on its way, and each of them once', async () => {
    resetSession();
    signIn('tok');
    const answer = mockFetch({
      'GET /api/v1/me': { body: me('executive', 'Exec') },
      'GET /api/v1/kpis': { body: kpis },
      'GET /api/v1/kpis/departments/heatmap': { body: departmentHeatmap },
      'GET /api/v1/kpis/adoption': { body: adoption },
      'GET /api/v1/sources': { body: { items: [], nextCursor: null } },
    }).fn;
    let answerMe!: () => void;
    const meHeld = new Promise<void>((resolve) => (answerMe = resolve));
    const asked: string[] = [];
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      const path = new URL(String(input), 'http://localhost').pathname;
      asked.push(path);
      if (path === '/api/v1/me') await meHeld;
      return answer(input, init);
    });
    renderRoutes(routes, { path: '/?grain=week&from=2026-03-01&to=2026-03-15' });

    await waitFor(() => expect(asked).toContain('/api/v1/kpis/departments/heatmap'));
    expect(asked).toEqual(expect.arrayContaining(['/api/v1/me', '/api/v1/kpis', '/api/v1/kpis/adoption']));
    expect(screen.queryByTestId('kpi-depth')).toBeNull();

    answerMe();
    expect(await screen.findByTestId('kpi-depth')).toBeTruthy();
    expect(await screen.findByTestId('depth-heatmap')).toBeTruthy();
    for (const path of ['/api/v1/kpis', '/api/v1/kpis/departments/heatmap', '/api/v1/kpis/adoption']) expect(asked.filter((p) => p === path)).toHaveLength(1);
  });
});
