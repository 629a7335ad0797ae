import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { routes } from '@/app/router';
import { mockFetch, renderRoutes } from '@/test/utils';
import { resetSession, signIn } from '@/lib/auth/session';
import { me } from '@/test/fixtures';

const admin = { 'GET /api/v1/me': { body: me('admin', 'Root') } };

describe('admin', () => {
  it('recomputes KPIs and follows the run until it succeeds', async () => {
    resetSession();
    signIn('tok');
    let polls = 0;
    mockFetch({
      ...admin,
      'GET /api/v1/job-runs': {
        body: {
          items: [{ runId: 'run-41', job: 'kpis', status: 'failed', startedAt: '2026-03-16T05:00:00Z', finishedAt: '2026-03-16T05:00:02.5Z', error: 'SqliteException: disk I/O error' }],
          nextCursor: null,
        },
      },
      'POST /api/v1/kpis/recompute': { status: 202, body: { runId: 'run-42' } },
      'GET /api/v1/job-runs/run-42': () => ({
        body: { runId: 'run-42', job: 'kpi-snapshots', status: ++polls < 2 ? 'running' : 'succeeded', startedAt: '2026-03-16T06:00:00Z', finishedAt: null, error: null },
      }),
    });
    renderRoutes(routes, { path: '/admin?tab=jobs' });
    await userEvent.click(await screen.findByRole('button', { name: 'Recompute KPIs now' }));
    const live = await screen.findByTestId('live-run');
    await waitFor(() => expect(live.textContent).toContain('running'));
    await waitFor(() => expect(live.textContent).toContain('succeeded'), { timeout: 3000 });
    expect(live.textContent).toContain('run-42');
    // Past runs: status, duration and error.
    const past = screen.getByText('run-41').closest('tr')!;
    expect(past.textContent).toContain('2.5 s');
    expect(past.textContent).toContain('SqliteException: disk I/O error');
  });

  it('issues a champion token for chosen departments and shows the secret once', async () => {
    resetSession();
    signIn('tok');
    const { calls } = mockFetch({
      ...admin,
      'GET /api/v1/tokens': { body: { items: [{ id: 't1', name: 'Old', role: 'hr', departmentCodes: [], createdAt: '2026-01-01T00:00:00Z', expiresAt: null, revokedAt: null }], nextCursor: null } },
      'GET /api/v1/departments': { body: { items: [{ code: 'SALES', name: 'Sales', headcount: 3 }, { code: 'OPS', name: 'Operations', headcount: 9 }], nextCursor: null } },
      'POST /api/v1/tokens': { status: 201, body: { id: 't2', name: 'Camille', role: 'champion', departmentCodes: ['OPS'], token: 'secret-xyz' } },
    });
    renderRoutes(routes, { path: '/admin?tab=tokens' });
    expect(await screen.findByText('Old')).toBeTruthy();
    await userEvent.type(screen.getByLabelText('Name'), 'Camille');
    await userEvent.selectOptions(screen.getByLabelText('Role'), 'champion');
    await userEvent.selectOptions(await screen.findByLabelText('Departments (champions)'), 'OPS');
    await userEvent.click(screen.getByRole('button', { name: 'Issue a token' }));
    expect((await screen.findByTestId('new-token')).textContent).toBe('secret-xyz');
    const post = calls.find((c) => c.method === 'POST')!;
    expect(JSON.parse(String(post.init.body))).toEqual({ name: 'Camille', role: 'champion', departmentCodes: ['OPS'], expiresAt: null });
  });

  it('switches sections with the keyboard and reads the audit log', async () => {
    resetSession();
    signIn('tok');
    mockFetch({
      ...admin,
      'GET /api/v1/settings': { body: { currency: 'EUR', hourlyCost: 45, adoptingDepthThreshold: 0.1, minGroupSize: 5 } },
      'GET /api/v1/audit': {
        body: { items: [{ id: 1, occurredAt: '2026-03-16T08:00:00Z', actor: 'Camille', role: 'champion', action: 'import', entity: 'usage-events', entityKey: null, changes: { inserted: 4 } }], nextCursor: null },
      },
    });
    renderRoutes(routes, { path: '/admin?tab=tokens' });
    const tablist = await screen.findByRole('tablist');
    within(tablist).getByRole('tab', { name: 'Access tokens' }).focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(await screen.findByLabelText('Hourly cost')).toBeTruthy();
    await userEvent.keyboard('{ArrowRight}');
    const audit = await screen.findByTestId('audit');
    expect(audit.textContent).toContain('Camille');
    expect(audit.textContent).toContain('{"inserted":4}');
  });
});
