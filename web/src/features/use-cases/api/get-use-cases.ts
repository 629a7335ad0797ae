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
export const useCasesQueryOptions = (f: UseCaseFilters = {}) =>
  queryOptions({ queryKey: ['use-cases', f], queryFn: () => getUseCases(f), staleTime: 60_000 });
export const useUseCases = (f: UseCaseFilters = {}, enabled = true) => useQuery({ ...useCasesQueryOptions(f), enabled });

export interface UseCaseProposal {
  code: string;
  title: string;
  description: string;
  category: string;
  minutesSavedPerUse: number;
  applicableDepartments: string[];
}
export const proposeUseCase = (p: UseCaseProposal) => apiJson<UseCase>('/use-cases/proposals', { method: 'POST', json: p });
export function useProposeUseCase() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: proposeUseCase, onSuccess: () => qc.invalidateQueries({ queryKey: ['use-cases'] }) });
}
