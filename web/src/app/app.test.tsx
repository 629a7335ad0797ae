import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { routes } from './router';
import { mockFetch, renderRoutes } from '@/test/utils';
import { resetSession, signIn } from '@/lib/auth/session';
import { normaliseSpaces } from '@/lib/format';
import { me as meOf } from '@/test/fixtures';
import type { Me } from '@/lib/auth/me';
import type { DemoToken } from '@/features/auth/api/get-demo-tokens';

const demoTokens: DemoToken[] = [
  { role: 'admin', name: 'Demo admin', token: 'tok-admin', departmentCodes: [] },
  { role: 'executive', name: 'Demo executive', token: 'tok-exec', departmentCodes: [] },
  { role: 'champion', name: 'Demo champion', token: 'tok-champ', departmentCodes: ['SALES'] },
  { role: 'hr', name: 'Demo HR', token: 'tok-hr', departmentCodes: [] },
];
const users: Record<string, Me> = {
  'tok-admin': meOf('admin', 'Demo admin'),
  'tok-exec': meOf('executive', 'Demo executive'),
  'tok-champ': meOf('champion', 'Demo champion', ['SALES']),
  'tok-hr': meOf('hr', 'Demo HR'),
};
const me = (_url: URL, init: RequestInit) => {
  const auth = new Headers(init.headers).get('Authorization') ?? '';
  const u = users[auth.replace('Bearer ', '')];
  return u ? { body: u } : { status: 401, body: { title: 'Unauthorized', status: 401 } };
};
const departments = {
  body: { items: [{ code: 'SALES', name: 'Sales', headcount: 1234 }, { code: 'HR', name: 'Human resources', headcount: 4 }], nextCursor: null },
};

describe('sign-in', () => {
  it('offers one-click demo sign-in when the API is in demonstration mode', async () => {
    resetSession();
    mockFetch({ 'GET /api/v1/demo/tokens': { body: demoTokens }, 'GET /api/v1/me': me, 'GET /api/v1/departments': departments });
    const { router } = renderRoutes(routes, { path: '/departments' });
    const button = await screen.findByRole('button', { name: 'Sign in as demo champion' });
    expect(screen.getByRole('button', { name: 'Sign in as demo executive' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign in as demo HR' })).toBeTruthy();
    await userEvent.click(button);
    await waitFor(() => expect(router.state.location.pathname).toBe('/departments'));
    expect(await screen.findByText('Sales')).toBeTruthy();
    expect(sessionStorage.getItem('rollouthub.token')).toBe('tok-champ');
  });

  it('shows no demo buttons when demonstration mode is off, and explains a rejected token', async () => {
    resetSession();
    mockFetch({ 'GET /api/v1/me': me });
    renderRoutes(routes, { path: '/sign-in' });
    await userEvent.type(await screen.findByLabelText('Access token'), 'wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText(/This token was not accepted/)).toBeTruthy();
    expect(screen.queryByText('Demonstration')).toBeNull();
  });

  it('speaks French when asked', async () => {
    resetSession();
    mockFetch({ 'GET /api/v1/demo/tokens': { body: demoTokens } });
    renderRoutes(routes, { path: '/sign-in', language: 'fr' });
    expect(await screen.findByRole('button', { name: 'Se connecter en tant que champion (référent) (démo)' })).toBeTruthy();
    expect(screen.getByLabelText('Jeton d’accès')).toBeTruthy();
  });
});

describe('the authenticated layout', () => {
  it('shows each role only the pages its capabilities from GET /me open', async () => {
    resetSession();
    signIn('tok-hr');
    mockFetch({ 'GET /api/v1/me': me, 'GET /api/v1/departments': departments });
    renderRoutes(routes, { path: '/departments' });
    const nav = await screen.findByRole('navigation', { name: 'Main navigation' });
    const links = within(nav).getAllByRole('link').map((a) => a.textContent);
    // HR may read waves and use cases (read:dashboards), not the budget (read:management) nor the champion workspace (write:usage).
    expect(links).toEqual(['Overview', 'Departments', 'Waves', 'Use cases', 'HR training needs']);
  });

  it('lets an admin see every page', async () => {
    resetSession();
    signIn('tok-admin');
    mockFetch({ 'GET /api/v1/me': me, 'GET /api/v1/departments': departments });
    renderRoutes(routes, { path: '/departments' });
    const nav = await screen.findByRole('navigation', { name: 'Main navigation' });
    expect(within(nav).getAllByRole('link')).toHaveLength(8);
  });

  it('explains, instead of a blank page, when a role opens a page it may not use', async () => {
    resetSession();
    signIn('tok-champ');
    mockFetch({ 'GET /api/v1/me': me });
    renderRoutes(routes, { path: '/admin' });
    expect(await screen.findByText('Not available for your role')).toBeTruthy();
    expect(screen.getByText('Your role (champion) may not open this page.')).toBeTruthy();
  });

  it('sends a user whose token is rejected back to sign-in with an explanation', async () => {
    resetSession();
    signIn('revoked');
    mockFetch({ 'GET /api/v1/me': me });
    const { router } = renderRoutes(routes, { path: '/departments' });
    expect(await screen.findByText(/Your session has ended/)).toBeTruthy();
    expect(router.state.location.pathname).toBe('/sign-in');
  });

  it('says what a 403 means when the API refuses', async () => {
    resetSession();
    signIn('tok-exec');
    mockFetch({ 'GET /api/v1/me': me, 'GET /api/v1/departments': { status: 403, body: { title: 'Forbidden', status: 403 } } });
    renderRoutes(routes, { path: '/departments' });
    expect(await screen.findByText('Not available for your role')).toBeTruthy();
    expect(screen.getByText(/Your role \(executive\) may not do this/)).toBeTruthy();
  });
});

describe('departments', () => {
  it('lists departments with formatted headcounts', async () => {
    resetSession();
    signIn('tok-exec');
    mockFetch({ 'GET /api/v1/me': me, 'GET /api/v1/departments': departments });
    renderRoutes(routes, { path: '/departments', language: 'fr' });
    const link = await screen.findByRole('link', { name: 'Sales' });
    expect(link.getAttribute('href')).toBe('/departments/SALES');
    const row = link.closest('tr')!;
    expect(within(row).getByText((t) => normaliseSpaces(t) === '1 234')).toBeTruthy();
  });
});
