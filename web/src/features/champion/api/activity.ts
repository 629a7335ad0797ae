import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { answer, api, fetchAll, wholeList, type Body, type Schema } from '@/lib/api/client';

export type Champion = Schema<'Champion'>;
export type Employee = Schema<'Employee'>;
export type Outcome = Schema<'OutcomeReport'>;
export type UsageEventInput = Body<'LogUsageEvent'>;
export type OutcomeInput = Body<'LogOutcome'>;
export type UsageTotals = Schema<'UsageTotals'>;

export const getChampions = (departmentCode?: string) =>
  fetchAll('/api/v1/champions', (cursor) => api.GET('/api/v1/champions', { params: { query: { departmentCode, limit: wholeList, cursor } } }));
export const getEmployees = (departmentCode?: string) =>
  fetchAll('/api/v1/employees', (cursor) => api.GET('/api/v1/employees', { params: { query: { departmentCode, limit: wholeList, cursor } } }));
export const getOutcomes = (q: { departmentCode?: string; from?: string; to?: string }) =>
  fetchAll('/api/v1/outcomes', (cursor) => api.GET('/api/v1/outcomes', { params: { query: { ...q, limit: wholeList, cursor } } }));
/** A department's usage added up by the API, per use case or per day and use case. */
export const getUsageTotals = (q: { departmentCode: string; from?: string; to?: string; groupBy?: 'use-case' | 'day' }) =>
  answer(api.GET('/api/v1/usage-events/totals', { params: { query: q } }));

export const championsQueryOptions = (departmentCode?: string) =>
  queryOptions({ queryKey: ['champions', departmentCode ?? null], queryFn: () => getChampions(departmentCode) });
export const employeesQueryOptions = (departmentCode?: string) =>
  queryOptions({ queryKey: ['employees', departmentCode ?? null], queryFn: () => getEmployees(departmentCode), staleTime: 5 * 60_000 });
export const outcomesQueryOptions = (q: { departmentCode?: string; from?: string; to?: string }) =>
  queryOptions({ queryKey: ['outcomes', q], queryFn: () => getOutcomes(q) });
export const usageTotalsQueryOptions = (q: { departmentCode: string; from?: string; to?: string; groupBy?: 'use-case' | 'day' }) =>
  queryOptions({ queryKey: ['usage-events', 'totals', q], queryFn: () => getUsageTotals(q) });

export const useChampions = (departmentCode?: string, enabled = true) => useQuery({ ...championsQueryOptions(departmentCode), enabled });
export const useEmployees = (departmentCode?: string, enabled = true) => useQuery({ ...employeesQueryOptions(departmentCode), enabled });
export const useOutcomes = (q: { departmentCode?: string; from?: string; to?: string }, enabled = true) =>
  useQuery({ ...outcomesQueryOptions(q), enabled });
export const useUsageTotals = (q: { departmentCode: string; from?: string; to?: string; groupBy?: 'use-case' | 'day' }, enabled = true) =>
  useQuery({ ...usageTotalsQueryOptions(q), enabled });

export const postUsageEvents = (events: UsageEventInput[]) => answer(api.POST('/api/v1/usage-events', { body: { events } }));
export const postOutcome = (o: OutcomeInput) => answer(api.POST('/api/v1/outcomes', { body: o }));

export function useLogUsage() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: postUsageEvents, onSuccess: () => qc.invalidateQueries({ queryKey: ['usage-events'] }) });
}
export function useReportOutcome() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: postOutcome, onSuccess: () => qc.invalidateQueries({ queryKey: ['outcomes'] }) });
}
