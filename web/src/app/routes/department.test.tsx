import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { routes } from '@/app/router';
import { mockFetch, renderRoutes } from '@/test/utils';
import { resetSession, signIn } from '@/lib/auth/session';
import { departmentKpis, waves, me } from '@/test/fixtures';
import type { UsageTotals } from '@/features/champion/api/activity';

describe('department drill-down', () => {
  it('shows depth against the wave target, champions, outcomes with blockers and training coverage', async () => {
    resetSession();
    signIn('tok');
    mockFetch({
      'GET /api/v1/me': { body: me('admin', 'Admin') },
      'GET /api/v1/departments/SALES': { body: { code: 'SALES', name: 'Sales', headcount: 40 } },
      'GET /api/v1/kpis/departments': { body: departmentKpis },
      'GET /api/v1/waves': { body: { items: waves, nextCursor: null } },
      'GET /api/v1/champions': { body: { items: [{ id: 1, displayName: 'Camille', contact: 'camille@example.org', departmentCode: 'SALES', status: 'active', since: '2026-01-10' }], nextCursor: null } },
      'GET /api/v1/outcomes': {
        body: { items: [{ reportId: 'R1', occurredOn: '2026-03-10', departmentCode: 'SALES', ticketsAvoided: 4, employeesHelped: 9, satisfaction: 4, blockers: 'No access to CRM' }], nextCursor: null },
      },
      'GET /api/v1/usage-events/totals': {
        body: {
          departmentCode: 'SALES',
          from: '2026-03-01',
          to: '2026-03-15',
          groupBy: 'use-case',
          suppressed: false,
          rows: [{ occurredOn: null, useCaseCode: 'UC1', title: 'Email drafts', uses: 3, activeEmployees: 1 }],
        } satisfies UsageTotals,
      },
      'GET /api/v1/use-cases': { body: { items: [{ code: 'UC1', title: 'Email drafts', status: 'production', applicableDepartments: [] }], nextCursor: null } },
      'GET /api/v1/training-needs': {
        body: {
          departments: [
            { departmentCode: 'SALES', name: 'Sales', priority: 1, headcount: 40, active: 11, trained: 10, untrained: 30, depth: 0.275, suppressed: false, missingModules: [{ moduleCode: 'UC1', title: 'Email drafts', employeesMissing: 30 }] },
          ],
        },
      },
    });
    renderRoutes(routes, { path: '/departments/SALES?grain=week&from=2026-03-01&to=2026-03-15', language: 'fr' });
    expect(await screen.findByRole('heading', { name: 'Département Sales' })).toBeTruthy();
    expect(await screen.findByText('Camille')).toBeTruthy();
    expect(await screen.findByText('No access to CRM')).toBeTruthy();
    expect(await screen.findByText(/Objectif de la vague\s30,0\s%/)).toBeTruthy();
    expect((await screen.findAllByText('Email drafts')).length).toBeGreaterThan(0);
    expect(await screen.findByText(/30 collaborateurs ne l’ont pas suivi/)).toBeTruthy();
  });
});
