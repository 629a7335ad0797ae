import { queryOptions, useQuery } from '@tanstack/react-query';
import { useI18n } from '@/lib/i18n/i18n';
import { answer, api, fetchAll, wholeList, type Schema } from '@/lib/api/client';

export type TrainingNeed = Schema<'DepartmentTrainingNeed'>;
export type EmployeeTrainingNeed = Schema<'EmployeeTrainingNeed'>;

export const getTrainingNeeds = (q: { departmentCode?: string; waveCode?: string }, language?: string) =>
  answer(api.GET('/api/v1/training-needs', { params: { query: q }, headers: language ? { 'Accept-Language': language } : {} })).then((r) => r.departments);
export const getEmployeeTrainingNeeds = (q: { departmentCode?: string }) =>
  fetchAll('/api/v1/training-needs/employees', (cursor) =>
    api.GET('/api/v1/training-needs/employees', { params: { query: { ...q, limit: wholeList, cursor } } }),
  );

// Module titles and priority reasons are worded in the language asked for (Accept-Language).
export const trainingNeedsQueryOptions = (q: { departmentCode?: string; waveCode?: string }, language: string) =>
  queryOptions({ queryKey: ['training-needs', q, language], queryFn: () => getTrainingNeeds(q, language) });
export const employeeTrainingNeedsQueryOptions = (q: { departmentCode?: string }) =>
  queryOptions({ queryKey: ['training-needs', 'employees', q], queryFn: () => getEmployeeTrainingNeeds(q) });

export const useTrainingNeeds = (q: { departmentCode?: string; waveCode?: string }, enabled = true) =>
  useQuery({ ...trainingNeedsQueryOptions(q, useI18n().lang), enabled });
export const useEmployeeTrainingNeeds = (q: { departmentCode?: string }, enabled = true) =>
  useQuery({ ...employeeTrainingNeedsQueryOptions(q), enabled });
