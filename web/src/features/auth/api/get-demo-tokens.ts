import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, apiJson } from '@/lib/api/client';
import type { DemoToken } from '@/lib/api/types';

/** In demonstration mode the API lists one token per role; otherwise it answers 404. */
export async function getDemoTokens(): Promise<DemoToken[]> {
  try {
    return await apiJson<DemoToken[]>('/demo/tokens', { token: null });
  } catch (e) {
    if (e instanceof ApiError) return [];
    throw e;
  }
}

export const demoTokensQueryOptions = () =>
  queryOptions({ queryKey: ['demo-tokens'], queryFn: getDemoTokens, staleTime: Infinity, retry: false });

export const useDemoTokens = () => useQuery(demoTokensQueryOptions());
