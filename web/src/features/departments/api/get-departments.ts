import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiJson, fetchAll } from '@/lib/api/client';
import type { Department } from '@/lib/api/types';

export const getDepartments = () => fetchAll<Department>('/departments');
export const getDepartment = (code: string) => apiJson<Department>(`/departments/${encodeURIComponent(code)}`);

export const departmentsQueryOptions = () =>
  queryOptions({ queryKey: ['departments'], queryFn: getDepartments, staleTime: 5 * 60_000 });
export const departmentQueryOptions = (code: string) =>
  queryOptions({ queryKey: ['departments', code], queryFn: () => getDepartment(code) });

export const useDepartments = () => useQuery(departmentsQueryOptions());
export const useDepartment = (code: string) => useQuery(departmentQueryOptions(code));
