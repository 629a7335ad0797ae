import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { routes } from '@/app/router';
import { mockFetch, renderRoutes } from '@/test/utils';
import { resetSession, signIn } from '@/lib/auth/session';
import { adoption } from '@/test/fixtures';

const n = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe('budget', () => {
  it('shows planned vs actual, cost per active employee, projections and idle seats in euros', async () => {
    resetSession();
    signIn('tok');
    mockFetch({
      'GET /api/v1/me': { body: { name: 'Exec', role: 'executive', departmentCodes: [] } },
      'GET /api/v1/settings': { status: 403, body: {} },
      'GET /api/v1/budget/summary': {
        body: { planned: 120000, actual: 130500, costPerActiveEmployee: 412.5, costPerEmployeePerYear: 96, projections: [{ pricingModel: 'per-seat', amount: 240000 }, { pricingModel: 'usage', amount: 180000 }] },
      },
      'GET /api/v1/budget/lines': {
        body: { items: [{ code: 'LIC', name: 'Licences', category: 'licenses', pricingModel: 'per-seat', unitPrice: 30, plannedUnits: 200, plannedAmount: 72000 }], nextCursor: null },
      },
      'GET /api/v1/budget/spend': { body: { items: [{ occurredOn: '2026-02-01', budgetLineCode: 'LIC', amount: 80000 }], nextCursor: null } },
      'GET /api/v1/kpis/adoption': { body: { ...adoption, grain: 'month' } },
    });
    renderRoutes(routes, { path: '/budget', language: 'fr' });
    expect(n((await screen.findByTestId('budget-planned')).textContent)).toContain('120 000 €');
    expect(n(screen.getByTestId('budget-actual').textContent)).toContain('dépassement');
    expect(n(screen.getByTestId('budget-per-active').textContent)).toContain('413 €');
    expect(n(screen.getByTestId('budget-idle').textContent)).toContain('20 licences sur 80 inutilisées');
    expect(n(screen.getByTestId('budget-idle').textContent)).toContain('600 €');
    expect(n((await screen.findByTestId('budget-lines')).textContent)).toContain('80 000 €');
    expect(screen.getAllByText('par licence').length).toBeGreaterThan(0);
  });
});
