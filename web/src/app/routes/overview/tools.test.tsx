import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { routes } from '@/app/router';
import { mockFetch, renderRoutes } from '@/test/utils';
import { resetSession, signIn } from '@/lib/auth/session';
import { AppProvider, makeQueryClient } from '@/app/provider';
import { adoption, departmentHeatmap, kpis, me } from '@/test/fixtures';
import { normaliseSpaces } from '@/lib/format';
import { type ToolsKpis } from '@/lib/api/kpis';
import { multiToolShare, ToolsPanel } from './components/ToolsPanel';

const n = (s: string | null | undefined) => normaliseSpaces(s ?? '');

// The kpis fixture has 20 active employees in W10 and 25 in W11.
const tools: ToolsKpis = {
  grain: 'week',
  computedAt: '2026-03-16T06:00:00Z',
  stale: false,
  departmentCode: null,
  periods: [
    {
      period: '2026-W10',
      start: '2026-03-02',
      end: '2026-03-08',
      suppressed: false,
      multiToolEmployees: 5,
      tools: [
        { tool: 'GitHub Copilot', activeEmployees: 8, depth: 0.04, uses: 80, hoursSaved: 6 },
        { tool: 'Microsoft 365 Copilot', activeEmployees: 17, depth: 0.085, uses: 300, hoursSaved: 40 },
      ],
    },
    {
      period: '2026-W11',
      start: '2026-03-09',
      end: '2026-03-15',
      suppressed: false,
      multiToolEmployees: 10,
      tools: [
        { tool: 'ChatGPT Enterprise', activeEmployees: 4, depth: 0.02, uses: 12, hoursSaved: 1 },
        { tool: 'GitHub Copilot', activeEmployees: 12, depth: 0.06, uses: 120, hoursSaved: 9 },
        { tool: 'Microsoft 365 Copilot', activeEmployees: 19, depth: 0.095, uses: 350, hoursSaved: 45 },
      ],
    },
  ],
};

describe('tools panel', () => {
  it('computes the multi-tool share from the period’s active employees, and none when unknown or suppressed', () => {
    expect(multiToolShare({ multiToolEmployees: 10, suppressed: false }, 25)).toBe(0.4);
    expect(multiToolShare({ multiToolEmployees: 10, suppressed: false }, 0)).toBeNull();
    expect(multiToolShare({ multiToolEmployees: 10, suppressed: false }, null)).toBeNull();
    expect(multiToolShare({ multiToolEmployees: null, suppressed: true }, 25)).toBeNull();
  });

  it('shows active employees by tool and the share using two tools or more on the overview, with the API’s active count', async () => {
    resetSession();
    signIn('tok');
    const { calls } = mockFetch({
      'GET /api/v1/me': { body: me('executive', 'Exec') },
      'GET /api/v1/kpis': { body: kpis },
      'GET /api/v1/kpis/departments/heatmap': { body: departmentHeatmap },
      'GET /api/v1/kpis/adoption': { body: adoption },
      'GET /api/v1/kpis/tools': { body: tools },
      'GET /api/v1/alerts': { body: { items: [], nextCursor: null } },
      'GET /api/v1/waves': { body: { items: [], nextCursor: null } },
      'GET /api/v1/sources': { body: { items: [], nextCursor: null } },
    });
    renderRoutes(routes, { path: '/?grain=week&from=2026-03-01&to=2026-03-15', language: 'fr' });
    const panel = await screen.findByTestId('tools-panel');
    // W11: 10 of its 25 active employees used two tools or more.
    expect(n(within(panel).getByTestId('multi-tool-share').textContent)).toBe('S11 2026 · 40 % des collaborateurs actifs ont utilisé deux outils ou plus (10 collaborateurs)');
    const table = within(panel).getByRole('table', { name: 'Collaborateurs actifs par outil d’IA' });
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['Période', 'ChatGPT Enterprise', 'GitHub Copilot', 'Microsoft 365 Copilot', 'Deux outils ou plus']);
    const rows = within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => n(c.textContent)));
    // A tool absent from a period had nobody active in it.
    expect(rows).toEqual([
      ['S10 2026', '0', '8', '17', '25 %'],
      ['S11 2026', '4', '12', '19', '40 %'],
    ]);
    const call = calls.find((c) => c.url.pathname === '/api/v1/kpis/tools')!;
    expect(call.url.search).toBe('?grain=week&from=2026-03-01&to=2026-03-15');
  });

  it('shows a suppressed period as suppressed, never as zero', () => {
    const hidden: ToolsKpis = { ...tools, periods: [tools.periods[0], { ...tools.periods[1], suppressed: true, multiToolEmployees: null, tools: tools.periods[1].tools.map((x) => ({ ...x, activeEmployees: null, depth: null, uses: null, hoursSaved: null })) }] };
    mockFetch({ 'GET /api/v1/sources': { body: { items: [], nextCursor: null } } });
    render(
      <AppProvider language="en" client={makeQueryClient()}>
        <ToolsPanel data={hidden} activeOf={() => 25} />
      </AppProvider>,
    );
    expect(screen.getByTestId('multi-tool-share').textContent).toContain('suppressed');
    const last = screen.getAllByRole('row').at(-1)!;
    expect(within(last).getAllByRole('cell').slice(1).map((c) => c.textContent)).toEqual(['suppressed', 'suppressed', 'suppressed', 'suppressed']);
  });

  it('says the latest period shown is not complete when a source’s data stops before its end', async () => {
    resetSession();
    signIn('tok');
    mockFetch({
      'GET /api/v1/me': { body: me('executive', 'Exec') },
      'GET /api/v1/kpis': { body: kpis },
      'GET /api/v1/kpis/departments/heatmap': { body: departmentHeatmap },
      'GET /api/v1/kpis/adoption': { body: adoption },
      'GET /api/v1/kpis/tools': { body: tools },
      'GET /api/v1/alerts': { body: { items: [], nextCursor: null } },
      'GET /api/v1/waves': { body: { items: [], nextCursor: null } },
      'GET /api/v1/sources': {
        body: {
          items: [{ source: 'github-copilot', tool: 'GitHub Copilot', lastImportAt: '2026-03-14T06:00:00Z', firstDate: '2026-01-05', lastDate: '2026-03-12', events: 4000, unmatchedUsers: 0 }],
          nextCursor: null,
        },
      },
    });
    renderRoutes(routes, { path: '/?grain=week&from=2026-03-01&to=2026-03-15', language: 'en' });
    const cards = await screen.findByTestId('tools-panel');
    const note = await within(cards).findByTestId('partial-period');
    expect(n(note.textContent)).toContain('W11 2026 is not complete yet: GitHub Copilot data stops on 12 Mar 2026. A lower figure there is not a drop.');
  });
});
