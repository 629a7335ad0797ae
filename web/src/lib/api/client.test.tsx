import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import { answer, api, ApiError, fetchAll, TruncatedListError } from './client';
import { mockFetch } from '@/test/utils';
import { ErrorView } from '@/components/ErrorView';
import { I18nProvider } from '@/lib/i18n/i18n';
import { resetSession, signIn } from '@/lib/auth/session';

/** A list of `pages` pages of two items each, read page by page. */
function pagedList(pages: number) {
  const cursors: (string | undefined)[] = [];
  const page = async (cursor: string | undefined) => {
    cursors.push(cursor);
    const n = Number(cursor ?? '0');
    return { data: { items: [`a${n}`, `b${n}`], nextCursor: n + 1 < pages ? String(n + 1) : null } };
  };
  return { cursors, page };
}

describe('fetchAll', () => {
  it('follows the cursor to the end of the list', async () => {
    const { cursors, page } = pagedList(3);
    expect(await fetchAll('/api/v1/things', page, 3)).toEqual(['a0', 'b0', 'a1', 'b1', 'a2', 'b2']);
    expect(cursors).toEqual([undefined, '1', '2']);
  });

  it('throws instead of returning part of a list longer than its page limit', async () => {
    const error = await fetchAll('/api/v1/things', pagedList(4).page, 3).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TruncatedListError);
    expect((error as TruncatedListError).itemsRead).toBe(6);
  });

  it('is shown to the reader as a list too long, not as data', () => {
    render(
      <I18nProvider language="en">
        <ErrorView error={new TruncatedListError('/usage-events', 100_000)} />
      </I18nProvider>,
    );
    expect(screen.getByRole('alert').textContent).toContain('This list is too long to show whole');
    expect(screen.getByRole('alert').textContent).toContain('More than 100,000 entries');
  });
});

describe('the typed client', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    resetSession();
  });

  it('sends the path with its parameters, the session token and no language', async () => {
    signIn('secret');
    const { calls } = mockFetch({ 'GET /api/v1/departments/SALES': { body: { code: 'SALES', name: 'Sales', headcount: 40 } } });
    const department = await answer(api.GET('/api/v1/departments/{code}', { params: { path: { code: 'SALES' } } }));
    expect(department.headcount).toBe(40);
    const headers = new Headers(calls[0].init.headers);
    expect(headers.get('Authorization')).toBe('Bearer secret');
    expect(headers.has('Accept-Language')).toBe(false);
  });

  it('leaves empty filters out of the query string', async () => {
    const { calls } = mockFetch({ 'GET /api/v1/use-cases/transfer-candidates': { body: { candidates: [] } } });
    await answer(api.GET('/api/v1/use-cases/transfer-candidates', { params: { query: { departmentCode: 'OPS', days: undefined } } }));
    expect(calls[0].url.search).toBe('?departmentCode=OPS');
  });

  it('throws the problem details of an error answer', async () => {
    mockFetch({ 'GET /api/v1/departments/NOPE': { status: 404, body: { title: 'Not found', detail: "Department 'NOPE' does not exist." } } });
    const error = await answer(api.GET('/api/v1/departments/{code}', { params: { path: { code: 'NOPE' } } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(404);
    expect((error as ApiError).message).toBe("Department 'NOPE' does not exist.");
  });

  it('says so when a path answers a page instead of JSON', async () => {
    mockFetch({ 'GET /api/v1/me': { text: '<!doctype html>' } });
    const error = await answer(api.GET('/api/v1/me')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toContain('not JSON');
  });
});
