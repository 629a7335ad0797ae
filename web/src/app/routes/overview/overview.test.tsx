import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import { routes } from '@/app/router';
import { mockFetch, renderRoutes } from '@/test/utils';
import { resetSession, signIn } from '@/lib/auth/session';
import { adoption, departmentHeatmap, kpis, waves, me } from '@/test/fixtures';
import { normaliseSpaces } from '@/lib/format';
import type { SpendTotals } from '@/features/budget/api/get-budget';

const alert = (id: number, rule: string, title: string, facts: Record<string, string> | null) => ({
  id, rule, severity: 'warning', owner: null, subjectKey: 'X', title, detail: '', facts, status: 'open', raisedAt: '2026-03-16T06:00:00Z', acknowledgedAt: null,
});
const alerts = [
  alert(1, 'department-declining', 'Usage is declining in Sales (SALES)', { department: 'Ventes', code: 'SALES' }),
  alert(2, 'budget-overrun', 'Licences (LIC) is over plan in 2026-09', { line: 'Licences', code: 'LIC', month: '2026-09' }),
  alert(3, 'wave-behind-target', 'Wave W1 ended short of its target depth', { code: 'W1', wave: 'Pilote', state: 'ended' }),
  alert(4, 'job-failed', 'The last kpis run failed', null),
];

const n = (s: string | null) => normaliseSpaces(s ?? '');

function setup(language: 'fr' | 'en', kpiAnswer: () => unknown = () => kpis) {
  resetSession();
  signIn('tok');
  const mock = mockFetch({
    'GET /api/v1/me': { body: me('executive', 'Exec') },
    'GET /api/v1/kpis': () => ({ body: kpiAnswer() }),
    'GET /api/v1/kpis/departments/heatmap': { body: departmentHeatmap },
    'GET /api/v1/kpis/adoption': { body: adoption },
    'GET /api/v1/alerts': { body: { items: alerts, nextCursor: null } },
    'GET /api/v1/waves': {
      body: { items: waves.map((w) => ({ ...w, lastGateReview: { id: 1, decidedOn: '2026-02-23', decision: 'adjust', rationale: null, decidedBy: 'A. Martin' } })), nextCursor: null },
    },
    'GET /api/v1/settings': { status: 403, body: { title: 'Forbidden' } },
    'GET /api/v1/budget/spend/totals': {
      body: {
        groupBy: 'week',
        from: '2026-03-02',
        to: '2026-03-09',
        currency: 'EUR',
        total: 1500.5,
        rows: [
          { key: '2026-W10', name: null, start: '2026-03-02', end: '2026-03-08', amount: 1500.5, entries: 2, cumulative: 1500.5 },
          { key: '2026-W11', name: null, start: '2026-03-09', end: '2026-03-15', amount: 0, entries: 0, cumulative: 1500.5 },
        ],
      } satisfies SpendTotals,
    },
  });
  renderRoutes(routes, { path: '/?grain=week&from=2026-03-01&to=2026-03-15', language });
  return mock;
}

describe('overview', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('says the first computation is under way, then shows the figures when it ends, without a reload', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let answers = 0;
    setup('en', () => (++answers === 1 ? { grain: 'week', computedAt: null, stale: false, periods: [] } : kpis));
    expect(await screen.findByText(/being computed for the first time/)).toBeTruthy();
    expect(screen.queryByTestId('kpi-depth')).toBeNull();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await screen.findByTestId('kpi-depth')).toBeTruthy();
    expect(answers).toBe(2);
  });

  it('shows the five KPIs in French with their French names and formats', async () => {
    const { calls } = setup('fr');
    const depth = await screen.findByTestId('kpi-depth');
    expect(within(depth).getByRole('heading').textContent).toBe('Profondeur');
    expect(n(within(depth).getByText(/%$/).textContent)).toBe('12,5 %');
    expect(n(depth.textContent)).toContain('+2,5 pts');
    expect(within(screen.getByTestId('kpi-breadth')).getByRole('heading').textContent).toBe('Étendue');
    expect(within(screen.getByTestId('kpi-diversity')).getByRole('heading').textContent).toBe('Diversité');
    expect(screen.getByTestId('kpi-sustainability').textContent).toContain('en croissance');
    expect(n(screen.getByTestId('kpi-impact').textContent)).toContain('55 553 €');
    const kpiCall = calls.find((c) => c.url.pathname === '/api/v1/kpis')!;
    expect(kpiCall.url.search).toBe('?grain=week&from=2026-03-01&to=2026-03-15');
  });

  it('sets cumulative value saved against cumulative spend over the periods shown', async () => {
    const { calls } = setup('fr');
    const table = (await screen.findByRole('table', { name: 'Heures et valeur gagnées cumulées, face aux dépenses' })) as HTMLTableElement;
    expect(await within(table).findByRole('columnheader', { name: 'Dépenses cumulées' })).toBeTruthy();
    const rows = within(table).getAllByRole('row').slice(1).map((r) => n(r.textContent));
    expect(rows[0]).toContain('1 501 €');
    expect(rows[1]).toContain('1 501 €');
    // The API adds the spend up per week of the range shown; the page only reads its running total.
    const spendCall = calls.find((c) => c.url.pathname === '/api/v1/budget/spend/totals')!;
    expect([spendCall.url.searchParams.get('groupBy'), spendCall.url.searchParams.get('from'), spendCall.url.searchParams.get('to')]).toEqual([
      'week',
      '2026-03-02',
      '2026-03-09',
    ]);
  });

  it('warns that figures are stale', async () => {
    setup('en');
    expect(await screen.findByText(/Data changed after these figures were computed/)).toBeTruthy();
  });

  it('shows suppressed heatmap cells as suppressed, never as zero, and links to the department', async () => {
    setup('en');
    const heatmap = await screen.findByTestId('depth-heatmap');
    const legal = within(heatmap).getByRole('link', { name: 'Open Legal' }).closest('tr')!;
    expect(within(legal).getAllByText('suppressed').length).toBeGreaterThanOrEqual(2);
    expect(legal.textContent).not.toContain('0%');
    const sales = within(heatmap).getByRole('link', { name: 'Open Sales' });
    expect(sales.getAttribute('href')).toBe('/departments/SALES?grain=week&from=2026-03-01&to=2026-03-15');
    expect(within(sales.closest('tr')!).getByText('28%')).toBeTruthy();
  });

  it('shows adoption quality, alerts and the waves timeline', async () => {
    setup('fr');
    const quality = await screen.findByTestId('adoption-quality');
    expect(n(quality.textContent)).toContain('habituel : 10 (5 %)');
    expect(quality.textContent).toContain('non-utilisateur');
    expect(quality.textContent).toContain('fidélisés');
    // Titles worded in French from the alerts' facts; one raised before facts were kept stays in English.
    const panel = await screen.findByTestId('alerts');
    expect(within(panel).getByText('L’usage recule : Ventes (SALES)')).toBeTruthy();
    expect(within(panel).getByText('Licences (LIC) dépasse le budget prévu en sept. 2026')).toBeTruthy();
    expect(within(panel).getByText('La vague W1 s’est terminée sous sa profondeur cible')).toBeTruthy();
    expect(within(panel).getByText('The last kpis run failed')).toBeTruthy();
    const timeline = await screen.findByTestId('waves-timeline');
    expect(within(timeline).getByRole('link', { name: 'Pilot' })).toBeTruthy();
    expect(n(timeline.textContent)).toContain('Dernière décision : ajuster 23/02/2026');
  });
});
