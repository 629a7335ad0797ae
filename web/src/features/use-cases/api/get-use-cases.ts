import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiJson, fetchAll } from '@/lib/api/client';
import type { UseCase } from '@/lib/api/types';

export interface UseCaseFilters {
  status?: string;
  category?: string;
  departmentCode?: string;
  q?: string;
}

export const getUseCases = (f: UseCaseFilters = {}) => fetchAll<UseCase>('/use-cases', { ...f });
/** Empty filters are not sent, so they are left out of the key too: no filter and blank filters share one entry. */
export const useCasesQueryOptions = (f: UseCaseFilters = {}) => {
  const sent = Object.fromEntries(Object.entries(f).filter(([, v]) => v)) as UseCaseFilters;
  return queryOptions({ queryKey: ['use-cases', sent], queryFn: () => getUseCases(sent), staleTime: 60_000 });
};
export const useUseCases = (f: UseCaseFilters = {}, enabled = true) => useQuery({ ...useCasesQueryOptions(f), enabled });

/** The three governance indicators of a use case over the last 90 days (GET /use-cases/indicators). */
export interface UseCaseIndicators {
  code: string;
  uses: number;
  users: number;
  departmentsUsing: string[];
  reports: number;
  exceptionRate: number | null;
  perceivedImpact: number | null;
}
export const getUseCaseIndicators = () =>
  apiJson<{ from: string; to: string; useCases: UseCaseIndicators[] }>('/use-cases/indicators');
export const useUseCaseIndicators = () => useQuery({ queryKey: ['use-cases', 'indicators'], queryFn: getUseCaseIndicators, staleTime: 60_000 });

/** Production use cases other departments use that apply to, but are unused in, this one. */
export interface TransferCandidate {
  code: string;
  title: string;
  owner: string | null;
  trainingUrl: string | null;
  departmentsUsing: string[];
  employeesUsing: number;
  uses: number;
}
export const getTransferCandidates = (departmentCode: string) =>
  apiJson<{ departmentCode: string; from: string; to: string; candidates: TransferCandidate[] }>('/use-cases/transfer-candidates', { query: { departmentCode } });
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

export interface UseCaseProposal {
  code: string;
  title: string;
  description: string;
  category: string;
  minutesSavedPerUse: number;
  applicableDepartments: string[];
  /** The AI tool it belongs to; left out when none. */
  tool?: string;
}
export const proposeUseCase = (p: UseCaseProposal) => apiJson<UseCase>('/use-cases/proposals', { method: 'POST', json: p });
export function useProposeUseCase() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: proposeUseCase, onSuccess: () => qc.invalidateQueries({ queryKey: ['use-cases'] }) });
}
