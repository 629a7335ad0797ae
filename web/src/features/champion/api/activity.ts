import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiJson, fetchAll } from '@/lib/api/client';
import type { Champion, Employee, Outcome, UpsertResult, UsageEventInput } from '@/lib/api/types';

export interface UsageEvent extends UsageEventInput {
  eventId: string;
  departmentCode?: string;
}

export const getChampions = (departmentCode?: string) => fetchAll<Champion>('/champions', { departmentCode });
export const getEmployees = (departmentCode?: string) => fetchAll<Employee>('/employees', { departmentCode });
export const getOutcomes = (q: { departmentCode?: string; from?: string; to?: string }) => fetchAll<Outcome>('/outcomes', q);
export const getUsageEvents = (q: { departmentCode?: string; from?: string; to?: string }) => fetchAll<UsageEvent>('/usage-events', q);

export const championsQueryOptions = (departmentCode?: string) =>
  queryOptions({ queryKey: ['champions', departmentCode ?? null], queryFn: () => getChampions(departmentCode) });
export const employeesQueryOptions = (departmentCode?: string) =>
  queryOptions({ queryKey: ['employees', departmentCode ?? null], queryFn: () => getEmployees(departmentCode), staleTime: 5 * 60_000 });
export const outcomesQueryOptions = (q: { departmentCode?: string; from?: string; to?: string }) =>
  queryOptions({ queryKey: ['outcomes', q], queryFn: () => getOutcomes(q) });
export const usageEventsQueryOptions = (q: { departmentCode?: string; from?: string; to?: string }) =>
  queryOptions({ queryKey: ['usage-events', q], queryFn: () => getUsageEvents(q) });

export const useChampions = (departmentCode?: string, enabled = true) => useQuery({ ...championsQueryOptions(departmentCode), enabled });
export const useEmployees = (departmentCode?: string, enabled = true) => useQuery({ ...employeesQueryOptions(departmentCode), enabled });
export const useOutcomes = (q: { departmentCode?: string; from?: string; to?: string }, enabled = true) =>
  useQuery({ ...outcomesQueryOptions(q), enabled });
export const useUsageEvents = (q: { departmentCode?: string; from?: string; to?: string }, enabled = true) =>
  useQuery({ ...usageEventsQueryOptions(q), enabled });

export const postUsageEvents = (events: UsageEventInput[]) => apiJson<UpsertResult>('/usage-events', { method: 'POST', json: { events } });
export const postOutcome = (o: Outcome) => apiJson<Outcome>('/outcomes', { method: 'POST', json: o });

export function useLogUsage() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: postUsageEvents, onSuccess: () => qc.invalidateQueries({ queryKey: ['usage-events'] }) });
}
export function useReportOutcome() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: postOutcome, onSuccess: () => qc.invalidateQueries({ queryKey: ['outcomes'] }) });
}
