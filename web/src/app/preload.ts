import type { ComponentType } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import { adoptionQueryOptions, departmentHeatmapQueryOptions, kpisQueryOptions, toolKpisQueryOptions } from '@/lib/api/kpis';
import { sourcesQueryOptions } from '@/lib/api/sources';
import { rangeOf } from '@/lib/kpi-range';

let overviewPage: ComponentType | undefined;

/** The overview's code: the router's lazy page, and what a load of the overview starts early. */
export const overviewChunk = () =>
  import('@/app/routes/overview/overview').then((m) => {
    overviewPage = m.default;
    return m;
  });

/** The overview page when its code has come in already (then it need not suspend to draw). */
export const loadedOverview = () => overviewPage;

/**
 * Starts what a page will ask for as soon as its address is known, alongside `GET /me` instead
 * of after it: the page's code and the reads it makes whoever the reader is (none of them
 * depends on the caller's capabilities). Without this, a cold load of the overview was a chain
 * of waits — the shell's script, then /me, then the page's code, then its figures.
 * Asking twice is harmless: a query already under way or fresh is not asked again.
 */
export function preloadPage(client: QueryClient, pathname: string, search: string) {
  if (pathname !== '/') return;
  void overviewChunk();
  const range = rangeOf(new URLSearchParams(search));
  void client.prefetchQuery(kpisQueryOptions(range));
  void client.prefetchQuery(departmentHeatmapQueryOptions(range));
  void client.prefetchQuery(adoptionQueryOptions(range));
  void client.prefetchQuery(toolKpisQueryOptions(range));
  void client.prefetchQuery(sourcesQueryOptions());
}
