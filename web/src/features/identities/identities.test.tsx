import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { routes } from '@/app/router';
import { mockFetch, renderRoutes } from '@/test/utils';
import { resetSession, signIn } from '@/lib/auth/session';
import { me } from '@/test/fixtures';

const admin = { 'GET /api/v1/me': { body: me('admin', 'Root') } };

describe('Admin → Identities', () => {
  it('opens from an unmatched user with the form filled in, saves it, and searches the list', async () => {
    resetSession();
    signIn('tok');
    const { calls } = mockFetch({
      ...admin,
      'GET /api/v1/identities': (url) => ({
        body: {
          items: [
            { system: 'github', externalId: 'octo-dev', employeeKey: 'E00012' },
            { system: 'github', externalId: 'mona', employeeKey: 'E00044' },
          ].filter((i) => !url.searchParams.get('q') || i.externalId.includes(url.searchParams.get('q')!)),
          nextCursor: null,
        },
      }),
      'PUT /api/v1/identities/github/octocat': (_url, init) => ({ body: { system: 'github', externalId: 'octocat', ...JSON.parse(String(init.body)) } }),
      'DELETE /api/v1/identities/github/mona': { status: 204 },
    });
    renderRoutes(routes, { path: '/admin?tab=identities&system=github&externalId=octocat' });
    const form = await screen.findByTestId('identity-form');
    expect((within(form).getByLabelText('System') as HTMLInputElement).value).toBe('github');
    expect((within(form).getByLabelText('User identifier') as HTMLInputElement).value).toBe('octocat');
    await userEvent.type(within(form).getByLabelText('Employee key'), 'E00007');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('octocat is now E00007.')).toBeTruthy();
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(JSON.parse(String(put.init.body))).toEqual({ employeeKey: 'E00007' });

    // The list is filtered on the system it was opened with.
    const list = await screen.findByTestId('identities');
    expect(calls.find((c) => c.url.pathname === '/api/v1/identities')!.url.searchParams.get('system')).toBe('github');
    expect(within(list).getByText('mona')).toBeTruthy();
    await userEvent.type(screen.getByLabelText('Search identities'), 'octo');
    await waitFor(() => expect(within(screen.getByTestId('identities')).queryByText('mona')).toBeNull());

    vi.spyOn(window, 'confirm').mockReturnValue(true);
    await userEvent.clear(screen.getByLabelText('Search identities'));
    await userEvent.click(await screen.findByRole('button', { name: 'Delete github mona' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE' && c.url.pathname === '/api/v1/identities/github/mona')).toBe(true));
  });
});
