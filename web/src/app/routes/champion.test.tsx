import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { routes } from '@/app/router';
import { mockFetch, renderRoutes } from '@/test/utils';
import { resetSession, signIn } from '@/lib/auth/session';
import { departmentKpis, me } from '@/test/fixtures';
import type { UsageTotals } from '@/features/champion/api/activity';

function setup(imports: Parameters<typeof mockFetch>[0] = {}) {
  resetSession();
  signIn('tok');
  return mockFetch({
    'GET /api/v1/me': { body: me('champion', 'Camille', ['SALES']) },
    'GET /api/v1/departments': { body: { items: [{ code: 'SALES', name: 'Sales', headcount: 3 }], nextCursor: null } },
    // Like the API: with a departmentCode, only the use cases that apply to it.
    'GET /api/v1/use-cases': (url: URL) => {
      const all = [
        { code: 'UC1', title: 'Email drafts', status: 'production', applicableDepartments: [] },
        { code: 'UC2', title: 'Legal review', status: 'production', applicableDepartments: ['LEGAL'] },
      ];
      const department = url.searchParams.get('departmentCode');
      return { body: { items: department === 'SALES' ? all.slice(0, 1) : department ? [] : all, nextCursor: null } };
    },
    'GET /api/v1/employees': {
      body: {
        items: [
          { employeeKey: 'E001', departmentCode: 'SALES', joinedOn: null, leftOn: null },
          { employeeKey: 'E002', departmentCode: 'SALES', joinedOn: null, leftOn: null },
          { employeeKey: 'E003', departmentCode: 'SALES', joinedOn: null, leftOn: '2020-01-01' },
        ],
        nextCursor: null,
      },
    },
    'POST /api/v1/usage-events': { body: { inserted: 2, updated: 0, unchanged: 0 } },
    'GET /api/v1/kpis/departments': { body: departmentKpis },
    'GET /api/v1/usage-events/totals': {
      body: {
        departmentCode: 'SALES',
        from: '2026-02-15',
        to: '2026-03-15',
        groupBy: 'day',
        suppressed: false,
        rows: [{ occurredOn: '2026-03-09', useCaseCode: 'UC1', title: 'Email drafts', uses: 6, activeEmployees: 2 }],
      } satisfies UsageTotals,
    },
    ...imports,
  });
}

describe('champion workspace', () => {
  it('logs a week: one usage event per picked employee, for a use case applicable to the department', async () => {
    const { calls } = setup();
    renderRoutes(routes, { path: '/champion' });
    const roster = await screen.findByTestId('roster');
    expect(within(roster).queryByText('E003')).toBeNull(); // left long ago
    const form = within(screen.getByRole('region', { name: 'Log a week of activity' }));
    const useCase = form.getByLabelText('Use case');
    expect(within(useCase).queryByText(/Legal review/)).toBeNull();
    expect(calls.some((c) => c.url.pathname === '/api/v1/use-cases' && c.url.searchParams.get('departmentCode') === 'SALES')).toBe(true);
    await userEvent.clear(form.getByLabelText('Date'));
    await userEvent.type(form.getByLabelText('Date'), '2026-03-09');
    await userEvent.click(within(roster).getByLabelText('E001'));
    await userEvent.click(within(roster).getByLabelText('E002'));
    await userEvent.clear(form.getByLabelText('Uses per employee'));
    await userEvent.type(form.getByLabelText('Uses per employee'), '3');
    await userEvent.click(form.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved: 2 new, 0 updated, 0 unchanged.')).toBeTruthy();
    expect(within(await screen.findByTestId('recent-activity')).getByText('Email drafts')).toBeTruthy();
    const post = calls.find((c) => c.method === 'POST')!;
    const body = JSON.parse(String(post.init.body));
    expect(body.events).toHaveLength(2);
    expect(body.events[0]).toMatchObject({ occurredOn: '2026-03-09', employeeKey: 'E001', useCaseCode: 'UC1', uses: 3 });
  });

  it('shows the figures of the chosen department in its last complete week', async () => {
    setup();
    renderRoutes(routes, { path: '/champion' });
    const figures = await screen.findByTestId('department-figures');
    expect(within(figures).getByRole('region', { name: 'Depth' }).textContent).toContain('27.5%');
    expect(figures.textContent).toContain('11 of 40 employees active');
    expect(screen.getByRole('region', { name: 'Sales in figures' })).toBeTruthy();
  });

  it('asks for at least one employee', async () => {
    setup();
    renderRoutes(routes, { path: '/champion' });
    await screen.findByTestId('roster');
    await userEvent.click(screen.getAllByRole('button', { name: 'Save' })[0]);
    expect(await screen.findByText('Select at least one employee.')).toBeTruthy();
  });

  it('dry-runs a CSV file, lists each rejected line and why, and offers the import only after a clean check', async () => {
    let dry = 0;
    const { calls } = setup({
      'POST /api/v1/imports/usage-events': (url) => {
        if (url.searchParams.get('dryRun') === 'true' && dry++ === 0)
          return {
            status: 422,
            body: {
              title: 'The file has invalid rows',
              status: 422,
              errors: [
                { line: 3, column: 'employee_key', message: 'Unknown employee E999' },
                { line: 5, column: 'uses', message: 'Must be an integer ≥ 1' },
              ],
            },
          };
        return { body: { kind: 'usage-events', rowsRead: 4, inserted: 4, updated: 0, unchanged: 0, warnings: [] } };
      },
    });
    renderRoutes(routes, { path: '/champion' });
    const file = new File(['event_id;occurred_on;employee_key;use_case_code;uses\n'], 'week.csv', { type: 'text/csv' });
    await userEvent.upload(await screen.findByLabelText('CSV file'), file);
    const importButton = screen.getByRole('button', { name: 'Import' });
    expect((importButton as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Check the file (dry run)' }));
    const errors = await screen.findByTestId('import-errors');
    expect(errors.textContent).toContain('2 lines rejected');
    expect(within(errors).getByText('Unknown employee E999')).toBeTruthy();
    expect(within(errors).getByText('employee_key')).toBeTruthy();
    expect((importButton as HTMLButtonElement).disabled).toBe(true);

    await userEvent.click(screen.getByRole('button', { name: 'Check the file (dry run)' }));
    expect((await screen.findByTestId('import-result')).textContent).toContain('Dry run: nothing has been written yet.');
    await waitFor(() => expect((importButton as HTMLButtonElement).disabled).toBe(false));
    await userEvent.click(importButton);
    await waitFor(() => expect(screen.getByTestId('import-result').textContent).toContain('4 inserted'));
    const posts = calls.filter((c) => c.url.pathname === '/api/v1/imports/usage-events');
    expect(posts.map((c) => c.url.searchParams.get('dryRun'))).toEqual(['true', 'true', 'false']);
    expect(new Headers(posts[2].init.headers).get('Content-Type')).toBe('text/csv');
  });

  it('words each rejected line in French from its code, keeping the API message for a code it does not know', async () => {
    setup({
      'POST /api/v1/imports/usage-events': {
        status: 422,
        body: {
          title: 'The file has errors; nothing was imported.',
          status: 422,
          errors: [
            { line: 2, column: 'occurred_on', message: "'pas une date' is not a date (YYYY-MM-DD or DD/MM/YYYY).", code: 'not-a-date', args: { value: 'pas une date' } },
            { line: 2, column: 'uses', message: "'0' must be between 1 and 1000000.", code: 'out-of-range', args: { value: '0', min: '1', max: '1000000' } },
            { line: 3, column: 'employee_key', message: 'Unknown employee.', code: 'unknown-employee', args: null },
            { line: 4, column: null, message: 'Something new.', code: 'a-future-code', args: null },
          ],
        },
      },
    });
    renderRoutes(routes, { path: '/champion', language: 'fr' });
    await userEvent.upload(await screen.findByLabelText('Fichier CSV'), new File(['x'], 'semaine.csv', { type: 'text/csv' }));
    await userEvent.click(screen.getByRole('button', { name: 'Vérifier le fichier (essai à blanc)' }));
    const errors = await screen.findByTestId('import-errors');
    expect(within(errors).getByText('« pas une date » n’est pas une date (AAAA-MM-JJ ou JJ/MM/AAAA).')).toBeTruthy();
    expect(within(errors).getByText('« 0 » doit être compris entre 1 et 1000000.')).toBeTruthy();
    expect(within(errors).getByText('Collaborateur inconnu.')).toBeTruthy();
    expect(within(errors).getByText('Something new.')).toBeTruthy();
    expect(errors.textContent).not.toContain('The file has errors');
  });

  it('explains a 403 for a file that touches another department', async () => {
    setup({ 'POST /api/v1/imports/outcomes': { status: 403, body: { title: 'Forbidden', status: 403, detail: 'Department LEGAL is not yours' } } });
    renderRoutes(routes, { path: '/champion' });
    await userEvent.selectOptions(await screen.findByLabelText('File contents'), 'outcomes');
    await userEvent.upload(screen.getByLabelText('CSV file'), new File(['x'], 'o.csv'));
    await userEvent.click(screen.getByRole('button', { name: 'Check the file (dry run)' }));
    expect(await screen.findByText(/You may only act for the departments you champion/)).toBeTruthy();
  });
});
