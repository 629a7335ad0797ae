import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiJson } from '@/lib/api/client';
import type { AdoptionDepartmentsResponse, AdoptionResponse, DepartmentKpiResponse, Grain, KpiResponse } from '@/lib/api/types';

// SPEC §4 "KPIs": read from stored snapshots; `stale` says data changed since `computedAt`.
export interface KpiRange {
  grain: Grain;
  from: string;
  to: string;
}

const q = (r: KpiRange) => ({ grain: r.grain, from: r.from, to: r.to });

export const getKpis = (r: KpiRange) => apiJson<KpiResponse>('/kpis', { query: q(r) });
export const getDepartmentKpis = (r: KpiRange) => apiJson<DepartmentKpiResponse>('/kpis/departments', { query: q(r) });
export const getAdoption = (r: KpiRange) => apiJson<AdoptionResponse>('/kpis/adoption', { query: q(r) });
export const getAdoptionDepartments = (r: KpiRange) => apiJson<AdoptionDepartmentsResponse>('/kpis/adoption/departments', { query: q(r) });

export const kpisQueryOptions = (r: KpiRange) => queryOptions({ queryKey: ['kpis', 'org', r], queryFn: () => getKpis(r) });
export const departmentKpisQueryOptions = (r: KpiRange) =>
  queryOptions({ queryKey: ['kpis', 'departments', r], queryFn: () => getDepartmentKpis(r) });
export const adoptionQueryOptions = (r: KpiRange) => queryOptions({ queryKey: ['kpis', 'adoption', r], queryFn: () => getAdoption(r) });
export const adoptionDepartmentsQueryOptions = (r: KpiRange) =>
  queryOptions({ queryKey: ['kpis', 'adoption-departments', r], queryFn: () => getAdoptionDepartments(r) });

export const useKpis = (r: KpiRange) => useQuery(kpisQueryOptions(r));
export const useDepartmentKpis = (r: KpiRange) => useQuery(departmentKpisQueryOptions(r));
export const useAdoption = (r: KpiRange) => useQuery(adoptionQueryOptions(r));
export const useAdoptionDepartments = (r: KpiRange) => useQuery(adoptionDepartmentsQueryOptions(r));
