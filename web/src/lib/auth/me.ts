import { queryOptions, useQuery } from '@tanstack/react-query';
import { answer, api, type Schema } from '@/lib/api/client';
import { useSession } from '@/lib/auth/session';

/** Who is signed in, and the capabilities the API's own policy table gives their role. */
export type Me = Schema<'Me'>;

/** The roles, in the order the sign-in page and the token form list them. */
export const roles = ['executive', 'champion', 'hr', 'admin'] as const;
export type Role = (typeof roles)[number];

/** With `token`, checks that token instead of the session's (sign-in). */
export function getMe(token?: string): Promise<Me> {
  return answer(api.GET('/api/v1/me', token === undefined ? {} : { headers: { Authorization: `Bearer ${token}` } }));
}

export const meQueryOptions = (token: string | null) =>
  queryOptions({ queryKey: ['me', token], queryFn: () => getMe(), enabled: !!token, staleTime: 5 * 60_000 });

export function useMe() {
  const { token } = useSession();
  return useQuery(meQueryOptions(token));
}
