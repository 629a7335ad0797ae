import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { routes } from '@/app/router';
import { mockFetch, renderRoutes } from '@/test/utils';
import { resetSession, signIn } from '@/lib/auth/session';
import { normaliseSpaces } from '@/lib/format';
import { me } from '@/test/fixtures';
import type { SpendTotals } from './api/get-budget';

const n = (s: string | null) => normaliseSpaces(s ?? '');

const summary = {
  from: '2025-12-01',
  to: '2026-11-30',
  asOf: '2026-11-25',
  groupBy: 'category',
  currency: 'EUR',
  rows: [
    { key: 'licenses', planned: 100000, actual: 110500, variance: 10500, varianceRatio: 0.105 },
    { key: 'training', planned: 20000, actual: 20000, variance: 0, varianceRatio: 0 },
  ],
  totals: { planned: 120000, actual: 130500, variance: 10500, varianceRatio: 0.0875, headcount: 1000, activeEmployees: 316, costPerActiveEmployee: 412.5, costPerEmployeePerYear: 96, },
  fullScale: {
    employeesInScope: 1000,
    targetDepth: 0.6,
    targetDepthSource: 'waves',
    activeEmployeesAtTarget: 600,
    usesPerActiveEmployeePerYear: 520,
    perSeat: { model: 'per-seat', unitPrice: 360, units: 1000, yearlyCost: 360000, lines: ['LIC'], basis: { code: 'per-seat', employees: 1000, unitPrice: 360, targetDepth: null, activeEmployees: null, usesPerActiveEmployeePerYear: null } },
    usage: { model: 'usage', unitPrice: 0.04, units: 312000, yearlyCost: 12480, lines: ['API'], basis: { code: 'usage', employees: 1000, unitPrice: 0.04, targetDepth: 0.6, activeEmployees: 600, usesPerActiveEmployeePerYear: 520 } },
    fixedPerYear: 25000,
    cheaperModel: 'usage',
    yearlySaving: 347520,
    breakEvenUsesPerActiveEmployeePerYear: 15000,
  },
  idleSeats: { windowDays: 28, yearlyCost: 7200, lines: [{ lineCode: 'LIC', name: 'Licences', scope: 'organisation', seatsHeld: 80, idle: 20, unitPricePerYear: 360, yearlyCost: 7200 }] },
};

describe('budget', () => {
  it('shows planned vs actual, unit costs, per-seat vs usage at full scale and idle seats, in euros', async () => {
    resetSession();
    signIn('tok');
    const { calls } = mockFetch({
      'GET /api/v1/me': { body: me('executive', 'Exec') },
      'GET /api/v1/budget/summary': { body: summary },
      'GET /api/v1/budget/lines': {
        body: { items: [{ code: 'LIC', name: 'Licences', category: 'licenses', pricingModel: 'per-seat', unitPrice: 360, plannedUnits: 200, plannedAmount: 72000, periodStart: '2025-12-01', periodEnd: '2026-11-30' }], nextCursor: null },
      },
      'GET /api/v1/budget/spend/totals': {
        body: {
          groupBy: 'line',
          from: null,
          to: null,
          currency: 'EUR',
          total: 80000,
          rows: [{ key: 'LIC', name: 'Licences', start: null, end: null, amount: 80000, entries: 1, cumulative: null }],
        } satisfies SpendTotals,
      },
    });
    renderRoutes(routes, { path: '/budget', language: 'fr' });
    expect(n((await screen.findByTestId('budget-planned')).textContent)).toContain('120 000 €');
    expect(n(screen.getByTestId('budget-actual').textContent)).toContain('dépassement');
    expect(n(screen.getByTestId('budget-per-active').textContent)).toContain('413 €');
    expect(n(screen.getByTestId('budget-idle').textContent)).toContain('20 licences sur 80 inutilisées');
    const full = n(screen.getByTestId('full-scale').textContent);
    expect(full).toContain('Le modèle à l’usage coûte 347 520 € de moins par an');
    expect(full).toContain('par licence');
    // The calculation basis comes as a code and figures, worded here in French.
    expect(full).toContain('1 000 collaborateurs × 360,00 € par licence et par an');
    expect(full).toContain('600 actifs × 520 usages par an');
    expect(n((await screen.findByTestId('budget-lines')).textContent)).toContain('80 000 €');
    await userEvent.selectOptions(screen.getByLabelText('Regrouper par'), 'wave');
    await waitFor(() => expect(calls.some((c) => c.url.searchParams.get('groupBy') === 'wave')).toBe(true));
  });
});
