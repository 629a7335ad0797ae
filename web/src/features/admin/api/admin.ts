import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { answer, api, type Body, type Schema } from '@/lib/api/client';

// Tokens: the secret is shown once, at creation.
export type TokenSummary = Schema<'TokenSummary'>;
export type IssuedToken = Schema<'IssuedToken'>;
export const getTokens = () => answer(api.GET('/api/v1/tokens', { params: { query: { limit: 500 } } })).then((r) => r.items);
export const issueToken = (t: Body<'IssueToken'>) => answer(api.POST('/api/v1/tokens', { body: t }));
export const revokeToken = (id: string) => answer(api.DELETE('/api/v1/tokens/{id}', { params: { path: { id } } }));
export const useTokens = () => useQuery({ queryKey: ['tokens'], queryFn: getTokens });
export function useIssueToken() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: issueToken, onSuccess: () => qc.invalidateQueries({ queryKey: ['tokens'] }) });
}
export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: revokeToken, onSuccess: () => qc.invalidateQueries({ queryKey: ['tokens'] }) });
}

// Audit log: newest first, a page at a time.
export type AuditEntry = Schema<'AuditEntry'>;
export function useAudit() {
  return useInfiniteQuery({
    queryKey: ['audit'],
    queryFn: ({ pageParam }) => answer(api.GET('/api/v1/audit', { params: { query: { limit: 50, cursor: pageParam ?? undefined } } })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
