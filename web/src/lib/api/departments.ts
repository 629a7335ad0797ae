import { queryOptions, useQuery } from '@tanstack/react-query';
import { answer, api, fetchAll, wholeList, type Schema } from '@/lib/api/client';

export type Department = Schema<'Department'>;

export const getDepartments = () =>
  fetchAll('/api/v1/departments', (cursor) => api.GET('/api/v1/departments', { params: { query: { limit: wholeList, cursor } } }));
export const getDepartment = (code: string) => answer(api.GET('/api/v1/departments/{code}', { params: { path: { code } } }));

export const departmentsQueryOptions = () =>
  queryOptions({ queryKey: ['departments'], queryFn: getDepartments, staleTime: 5 * 60_000 });
export const departmentQueryOptions = (code: string) =>
  queryOptions({ queryKey: ['departments', code], queryFn: () => getDepartment(code) });

export const useDepartments = () => useQuery(departmentsQueryOptions());
export const useDepartment = (code: string) => useQuery(departmentQueryOptions(code));
