import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { routes } from '@/app/router';
import { mockFetch, renderRoutes } from '@/test/utils';
import { resetSession, signIn } from '@/lib/auth/session';
import { me } from '@/test/fixtures';

const useCases = [
  { code: 'UC1', title: 'Email drafts', category: 'writing', status: 'production', minutesSavedPerUse: 6, owner: 'Ops', applicableDepartments: [], reviewDueOn: '2000-01-01', reviewDue: true, reviewOverdue: true },
  { code: 'UC2', title: 'Contract review', category: 'legal', status: 'pilot', minutesSavedPerUse: 30, owner: 'Legal', applicableDepartments: ['SALES'], reviewDueOn: '2999-01-01', reviewDue: false, reviewOverdue: false },
];

describe('use-case library', () => {
  it('filters through the API, flags overdue reviews, and lets a champion propose an idea', async () => {
    resetSession();
    signIn('tok');
    const { calls } = mockFetch({
      'GET /api/v1/me': { body: me('champion', 'Camille', ['SALES']) },
      'GET /api/v1/departments': { body: { items: [{ code: 'SALES', name: 'Sales', headcount: 40 }], nextCursor: null } },
      'GET /api/v1/use-cases': (url) => ({ body: { items: useCases.filter((u) => !url.searchParams.get('status') || u.status === url.searchParams.get('status')), nextCursor: null } }),
      'POST /api/v1/use-cases/proposals': { status: 201, body: { ...useCases[0], code: 'NEW-1', status: 'idea' } },
    });
    renderRoutes(routes, { path: '/use-cases' });
    const table = await screen.findByTestId('use-cases');
    const row = within(table).getByText('Email drafts').closest('tr')!;
    expect(row.textContent).toContain('review overdue');
    expect(row.textContent).toContain('all departments');
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'pilot');
    await waitFor(() => expect(within(screen.getByTestId('use-cases')).queryByText('Email drafts')).toBeNull());
    expect(calls.some((c) => c.url.searchParams.get('status') === 'pilot')).toBe(true);

    const form = within(screen.getByRole('region', { name: 'Propose a use case' }));
    await userEvent.type(form.getByLabelText('Code'), 'new-1');
    await userEvent.type(form.getByLabelText('Title'), 'Meeting notes');
    await userEvent.type(form.getByLabelText('Category'), 'writing');
    await userEvent.click(form.getByRole('button', { name: 'Propose a use case' }));
    expect(await screen.findByText('Thank you: the idea NEW-1 is in the library.')).toBeTruthy();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(JSON.parse(String(post.init.body))).toMatchObject({ code: 'NEW-1', title: 'Meeting notes', category: 'writing', minutesSavedPerUse: 5, applicableDepartments: ['SALES'] });
  });

  it('shows each use case’s three indicators and who uses it, and what to bring to a department', async () => {
    resetSession();
    signIn('tok');
    const { calls } = mockFetch({
      'GET /api/v1/me': { body: me('executive', 'Exec') },
      'GET /api/v1/departments': { body: { items: [{ code: 'SALES', name: 'Sales', headcount: 40 }], nextCursor: null } },
      'GET /api/v1/use-cases': { body: { items: useCases, nextCursor: null } },
      'GET /api/v1/use-cases/indicators': {
        body: {
          from: '2026-01-01',
          to: '2026-03-31',
          useCases: [{ code: 'UC1', uses: 1234, users: 56, departmentsUsing: ['SALES'], reports: 4, exceptionRate: 0.25, perceivedImpact: 4.25 }],
        },
      },
      'GET /api/v1/use-cases/transfer-candidates': (url) => ({
        body: {
          departmentCode: url.searchParams.get('departmentCode'),
          from: '2026-01-01',
          to: '2026-03-31',
          candidates: [{ code: 'UC3', title: 'Meeting notes', owner: null, trainingUrl: 'https://intranet/notes', departmentsUsing: ['OPS'], employeesUsing: 12, uses: 300 }],
        },
      }),
    });
    renderRoutes(routes, { path: '/use-cases' });
    const table = await screen.findByTestId('use-cases');
    await waitFor(() => expect(within(table).getByText('Email drafts').closest('tr')!.textContent).toContain('1,234 uses · 56 users'));
    const row = within(table).getByText('Email drafts').closest('tr')!;
    expect(row.textContent).toContain('exceptions: 25%');
    expect(row.textContent).toContain('perceived impact: 4.3/5');
    expect(within(row).getAllByText('Sales').length).toBeGreaterThan(0);
    expect(within(table).getByText('Contract review').closest('tr')!.textContent).toContain('–');
    expect(screen.queryByTestId('transfer-candidates')).toBeNull();

    await userEvent.selectOptions(screen.getByLabelText('Department'), 'SALES');
    const transfer = within(screen.getByRole('region', { name: 'To bring to Sales' }));
    expect((await transfer.findByTestId('transfer-candidates')).textContent).toContain('used by OPS: 12 employees, 300 uses');
    expect(calls.find((c) => c.url.pathname.endsWith('/transfer-candidates'))!.url.searchParams.get('departmentCode')).toBe('SALES');
  });
});
