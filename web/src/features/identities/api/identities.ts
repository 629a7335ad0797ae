import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { answer, api, type Schema } from '@/lib/api/client';

export type Identity = Schema<'Identity'>;

// Identities: which user identifier of another system (an e-mail, a GitHub login, a Viva PersonId) is which employee.
export interface IdentityFilters {
  q?: string;
  system?: string;
  employeeKey?: string;
}

export function useIdentities(f: IdentityFilters) {
  const sent = Object.fromEntries(Object.entries(f).filter(([, v]) => v)) as IdentityFilters;
  return useInfiniteQuery({
    queryKey: ['identities', sent],
    queryFn: ({ pageParam }) => answer(api.GET('/api/v1/identities', { params: { query: { ...sent, limit: 50, cursor: pageParam ?? undefined } } })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

const identityPath = (i: Pick<Identity, 'system' | 'externalId'>) => ({ path: { system: i.system, externalId: i.externalId } });
export const saveIdentity = (i: Identity) =>
  answer(api.PUT('/api/v1/identities/{system}/{externalId}', { params: identityPath(i), body: { employeeKey: i.employeeKey } }));
export const deleteIdentity = (i: Pick<Identity, 'system' | 'externalId'>) =>
  answer(api.DELETE('/api/v1/identities/{system}/{externalId}', { params: identityPath(i) }));

export function useSaveIdentity() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: saveIdentity, onSuccess: () => qc.invalidateQueries({ queryKey: ['identities'] }) });
}
export function useDeleteIdentity() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: deleteIdentity, onSuccess: () => qc.invalidateQueries({ queryKey: ['identities'] }) });
}
