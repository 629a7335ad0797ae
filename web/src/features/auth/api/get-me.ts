import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiJson } from '@/lib/api/client';
import type { Me } from '@/lib/api/types';
import { useSession } from '@/lib/auth/session';

export function getMe(token?: string): Promise<Me> {
  return apiJson<Me>('/me', token === undefined ? {} : { token });
}

export const meQueryOptions = (token: string | null) =>
  queryOptions({ queryKey: ['me', token], queryFn: () => getMe(), enabled: !!token, staleTime: 5 * 60_000 });

export function useMe() {
  const { token } = useSession();
  return useQuery(meQueryOptions(token));
}
