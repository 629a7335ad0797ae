import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import { fetchAll, TruncatedListError } from './client';
import { mockFetch } from '@/test/utils';
import { ErrorView } from '@/components/ErrorView';
import { I18nProvider } from '@/lib/i18n/i18n';

/** A list endpoint of `pages` pages of two items each. */
function pagedList(pages: number) {
  return mockFetch({
    'GET /api/v1/things': (url) => {
      const page = Number(url.searchParams.get('cursor') ?? '0');
      return { body: { items: [`a${page}`, `b${page}`], nextCursor: page + 1 < pages ? String(page + 1) : null } };
    },
  });
}

describe('fetchAll', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('follows the cursor to the end of the list', async () => {
    const { calls } = pagedList(3);
    expect(await fetchAll<string>('/things', {}, 3)).toEqual(['a0', 'b0', 'a1', 'b1', 'a2', 'b2']);
    expect(calls).toHaveLength(3);
  });

  it('throws instead of returning part of a list longer than its page limit', async () => {
    pagedList(4);
    const error = await fetchAll<string>('/things', {}, 3).catch((e: unknown) => e);
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
