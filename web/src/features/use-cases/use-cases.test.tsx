import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { routes } from '@/app/router';
import { mockFetch, renderRoutes } from '@/test/utils';
import { resetSession, signIn } from '@/lib/auth/session';

const useCases = [
  { code: 'UC1', title: 'Email drafts', category: 'writing', status: 'production', minutesSavedPerUse: 6, owner: 'Ops', applicableDepartments: [], reviewDueOn: '2000-01-01' },
  { code: 'UC2', title: 'Contract review', category: 'legal', status: 'pilot', minutesSavedPerUse: 30, owner: 'Legal', applicableDepartments: ['SALES'], reviewDueOn: '2999-01-01' },
];

describe('use-case library', () => {
  it('filters through the API, flags overdue reviews, and lets a champion propose an idea', async () => {
    resetSession();
    signIn('tok');
    const { calls } = mockFetch({
      'GET /api/v1/me': { body: { name: 'Camille', role: 'champion', departmentCodes: ['SALES'] } },
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
});
