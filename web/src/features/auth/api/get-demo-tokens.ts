import { queryOptions, useQuery } from '@tanstack/react-query';
import { answer, api, ApiError, type Schema } from '@/lib/api/client';

export type DemoToken = Schema<'DemoToken'>;

/** In demonstration mode the API lists one token per role; otherwise it answers 404. */
export async function getDemoTokens(): Promise<DemoToken[]> {
  try {
    // Sent without the session's token: the list is for signing in.
    return await answer(api.GET('/api/v1/demo/tokens', { headers: { Authorization: '' } }));
  } catch (e) {
    if (e instanceof ApiError) return [];
    throw e;
  }
}

export const demoTokensQueryOptions = () =>
  queryOptions({ queryKey: ['demo-tokens'], queryFn: getDemoTokens, staleTime: Infinity, retry: false });

export const useDemoTokens = () => useQuery(demoTokensQueryOptions());
