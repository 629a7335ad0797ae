import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson, type Page } from '@/lib/api/client';
import type { Identity } from '@/lib/api/types';

// Identities: which user identifier of another system (an e-mail, a GitHub login, a Viva PersonId) is which employee.
export interface IdentityFilters {
  q?: string;
  system?: string;
  employeeKey?: string;
}

const path = (system: string, externalId: string) => `/identities/${encodeURIComponent(system)}/${encodeURIComponent(externalId)}`;

export function useIdentities(f: IdentityFilters) {
  const sent = Object.fromEntries(Object.entries(f).filter(([, v]) => v)) as IdentityFilters;
  return useInfiniteQuery({
    queryKey: ['identities', sent],
    queryFn: ({ pageParam }) => apiJson<Page<Identity>>('/identities', { query: { ...sent, limit: 50, cursor: pageParam } }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export const saveIdentity = (i: Identity) => apiJson<Identity>(path(i.system, i.externalId), { method: 'PUT', json: { employeeKey: i.employeeKey } });
export const deleteIdentity = (i: Pick<Identity, 'system' | 'externalId'>) => apiJson<void>(path(i.system, i.externalId), { method: 'DELETE' });

export function useSaveIdentity() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: saveIdentity, onSuccess: () => qc.invalidateQueries({ queryKey: ['identities'] }) });
}
export function useDeleteIdentity() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: deleteIdentity, onSuccess: () => qc.invalidateQueries({ queryKey: ['identities'] }) });
}
