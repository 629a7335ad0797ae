import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { answer, api, fetchAll, wholeList, type Body, type Schema } from '@/lib/api/client';

export type UseCase = Schema<'UseCase'>;
export type UseCaseStatus = Schema<'UseCaseStatus'>;
/** The statuses of the library, in the order the filters offer them: every one the API knows. */
export const useCaseStatuses = ['idea', 'pilot', 'production', 'retired'] as const satisfies readonly UseCaseStatus[];

export interface UseCaseFilters {
  status?: string;
  category?: string;
  departmentCode?: string;
  q?: string;
}

export const getUseCases = (f: UseCaseFilters = {}) =>
  fetchAll('/api/v1/use-cases', (cursor) => api.GET('/api/v1/use-cases', { params: { query: { ...f, limit: wholeList, cursor } } }));
/** Empty filters are not sent, so they are left out of the key too: no filter and blank filters share one entry. */
export const useCasesQueryOptions = (f: UseCaseFilters = {}) => {
  const sent = Object.fromEntries(Object.entries(f).filter(([, v]) => v)) as UseCaseFilters;
  return queryOptions({ queryKey: ['use-cases', sent], queryFn: () => getUseCases(sent), staleTime: 60_000 });
};
export const useUseCases = (f: UseCaseFilters = {}, enabled = true) => useQuery({ ...useCasesQueryOptions(f), enabled });

/** The three governance indicators of a use case over the last 90 days (GET /use-cases/indicators). */
export type UseCaseIndicators = Schema<'UseCaseIndicators'>;
export const getUseCaseIndicators = () => answer(api.GET('/api/v1/use-cases/indicators'));
export const useUseCaseIndicators = () => useQuery({ queryKey: ['use-cases', 'indicators'], queryFn: getUseCaseIndicators, staleTime: 60_000 });

/** Production use cases other departments use that apply to, but are unused in, this one. */
export type TransferCandidate = Schema<'TransferCandidate'>;
export const getTransferCandidates = (departmentCode: string) =>
  answer(api.GET('/api/v1/use-cases/transfer-candidates', { params: { query: { departmentCode } } }));
export const useTransferCandidates = (departmentCode: string) =>
  useQuery({ queryKey: ['use-cases', 'transfer', departmentCode], queryFn: () => getTransferCandidates(departmentCode), enabled: departmentCode !== '' });

/**
 * The pilot and production use cases that apply to a department. Which use cases apply is the
 * API's answer (GET /use-cases?departmentCode=), never recomputed here.
 */
export function useApplicableUseCases(departmentCode: string) {
  const query = useUseCases({ departmentCode }, departmentCode !== '');
  const data = (query.data ?? []).filter((u) => u.status === 'production' || u.status === 'pilot');
  return { ...query, data };
}

export type UseCaseProposal = Body<'ProposeUseCase'>;
export const proposeUseCase = (p: UseCaseProposal) => answer(api.POST('/api/v1/use-cases/proposals', { body: p }));
export function useProposeUseCase() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: proposeUseCase, onSuccess: () => qc.invalidateQueries({ queryKey: ['use-cases'] }) });
}
