import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { routes } from '@/app/router';
import { mockFetch, renderRoutes } from '@/test/utils';
import { resetSession, signIn } from '@/lib/auth/session';
import { me } from '@/test/fixtures';

describe('HR training needs', () => {
  it('lists needs by department, shows employees, and downloads CSV', async () => {
    resetSession();
    signIn('tok');
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    const { calls } = mockFetch({
      'GET /api/v1/me': { body: me('hr', 'Hélène') },
      'GET /api/v1/departments': { body: { items: [{ code: 'SALES', name: 'Sales', headcount: 40 }], nextCursor: null } },
      'GET /api/v1/training-needs': (_u, init) =>
        new Headers(init.headers).get('Accept') === 'text/csv'
          ? { text: 'department_code;untrained\nSALES;30\n' }
          : {
              body: {
                generalModule: 'AI-BASICS',
                departments: [
                  { departmentCode: 'SALES', name: 'Sales', priority: 1, headcount: 40, active: 11, trained: 10, untrained: 30, depth: 0.275, suppressed: false, missingModules: [{ moduleCode: 'AI-BASICS', title: 'AI basics', employeesMissing: 12 }, { moduleCode: 'UC1', title: 'Email drafts', employeesMissing: 30 }] },
                  { departmentCode: 'LEGAL', name: 'Legal', priority: 2, headcount: 4, active: null, trained: 2, untrained: 2, depth: null, suppressed: true, missingModules: [] },
                ],
              },
            },
      'GET /api/v1/training-needs/employees': { body: { items: [{ employeeKey: 'E001', departmentCode: 'SALES', tier: 'power', missingModules: ['UC1'] }], nextCursor: null } },
    });
    renderRoutes(routes, { path: '/hr', language: 'fr' });
    const table = await screen.findByTestId('training-needs');
    expect(table.textContent).toContain('Email drafts');
    // The API answers in one language: the general module's title is the dashboard's, in the reader's language.
    expect(table.textContent).toContain('Module général');
    expect(table.textContent).not.toContain('AI basics');
    // A department below the minimum group size shows its active employees and depth as hidden, never as 0.
    const legal = within(table).getByRole('button', { name: 'Legal' }).closest('tr')!;
    expect(within(legal).getAllByText('masqué')).toHaveLength(2);
    await userEvent.click(within(table).getByRole('button', { name: 'Sales' }));
    const employees = await screen.findByTestId('employee-needs');
    expect(employees.textContent).toContain('utilisateur avancé');
    await userEvent.click(screen.getAllByRole('button', { name: 'Télécharger en CSV' })[0]);
    await waitFor(() => expect(calls.some((c) => new Headers(c.init.headers).get('Accept') === 'text/csv')).toBe(true));
    expect(screen.getByText('Besoins de formation')).toBeTruthy();
  });
});
