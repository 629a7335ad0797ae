import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { vi } from 'vitest';
import { AppProvider, makeQueryClient } from '@/app/provider';
import type { Language } from '@/lib/i18n/i18n';

type Handler = (url: URL, init: RequestInit) => { status?: number; body?: unknown; text?: string } | undefined;

/** Replace fetch with a table of answers: `'GET /api/v1/me': { body: {...} }` or a function. */
export function mockFetch(routes: Record<string, Handler | { status?: number; body?: unknown; text?: string }>) {
  const calls: { method: string; url: URL; init: RequestInit }[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init.method ?? 'GET').toUpperCase();
    calls.push({ method, url, init });
    const key = `${method} ${url.pathname}`;
    const route = routes[key];
    const answer = typeof route === 'function' ? route(url, init) : route;
    if (!answer) return new Response(JSON.stringify({ title: 'Not Found', status: 404 }), { status: 404 });
    const status = answer.status ?? 200;
    const text = answer.text ?? (answer.body === undefined ? '' : JSON.stringify(answer.body));
    return new Response(status === 204 ? null : text, {
      status,
      headers: { 'Content-Type': answer.text ? 'text/csv' : status >= 400 ? 'application/problem+json' : 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fn);
  return { fn, calls };
}

export function renderRoutes(routes: RouteObject[], { path = '/', language = 'en' as Language } = {}) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const client = makeQueryClient();
  client.setDefaultOptions({ queries: { ...client.getDefaultOptions().queries, retry: false } });
  const utils = render(
    <AppProvider language={language} client={client}>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return { ...utils, router, client };
}

