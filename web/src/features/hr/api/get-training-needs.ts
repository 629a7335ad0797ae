import { queryOptions, useQuery } from '@tanstack/react-query';
import { answer, api, fetchAll, wholeList, type Schema } from '@/lib/api/client';

// Per department headcount, active, trained, untrained, depth and the modules it lacks; the answer
// also names the general module, whose title the dashboard words in its reader's language.
export type TrainingNeeds = Schema<'DepartmentTrainingNeeds'>;
export type TrainingNeed = Schema<'DepartmentTrainingNeed'>;
export type EmployeeTrainingNeed = Schema<'EmployeeTrainingNeed'>;

export const getTrainingNeeds = (q: { departmentCode?: string; waveCode?: string }) => answer(api.GET('/api/v1/training-needs', { params: { query: q } }));
export const getEmployeeTrainingNeeds = (q: { departmentCode?: string }) =>
  fetchAll('/api/v1/training-needs/employees', (cursor) =>
    api.GET('/api/v1/training-needs/employees', { params: { query: { ...q, limit: wholeList, cursor } } }),
  );

// The API answers in one language; the general module's title is worded here.
export const trainingNeedsQueryOptions = (q: { departmentCode?: string; waveCode?: string }) =>
  queryOptions({ queryKey: ['training-needs', q], queryFn: () => getTrainingNeeds(q) });
export const employeeTrainingNeedsQueryOptions = (q: { departmentCode?: string }) =>
  queryOptions({ queryKey: ['training-needs', 'employees', q], queryFn: () => getEmployeeTrainingNeeds(q) });

export const useTrainingNeeds = (q: { departmentCode?: string; waveCode?: string }, enabled = true) =>
  useQuery({ ...trainingNeedsQueryOptions(q), enabled });
export const useEmployeeTrainingNeeds = (q: { departmentCode?: string }, enabled = true) =>
  useQuery({ ...employeeTrainingNeedsQueryOptions(q), enabled });
