import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiJson, fetchAll } from '@/lib/api/client';

// SPEC §4 "Training needs": per department headcount, active, trained, untrained, depth and the
// modules it lacks, as the pages show them.
export interface MissingModule {
  code: string;
  title?: string | null;
  employeesMissing: number;
  /** The general module every employee takes: the dashboard words its title. */
  general?: boolean;
}
export interface TrainingNeed {
  departmentCode: string;
  departmentName?: string | null;
  headcount: number;
  /** Null when the department is below minGroupSize (suppressed). */
  active: number | null;
  suppressed: boolean;
  trained: number;
  untrained: number;
  depth: number | null;
  missingModules: MissingModule[];
  priority?: number | null;
}
export interface EmployeeTrainingNeed {
  employeeKey: string;
  departmentCode?: string | null;
  trainingTier: 'power' | 'casual' | null;
  missingModules: string[];
}

/** A department of `GET /training-needs` (api/.../Training/GetDepartmentTrainingNeeds.cs). */
interface DepartmentNeedAnswer {
  departmentCode: string;
  name: string;
  priority: number;
  headcount: number;
  active: number | null;
  suppressed: boolean;
  trained: number;
  untrained: number;
  depth: number | null;
  missingModules: { moduleCode: string; title: string; employeesMissing: number }[];
}
/** An employee of `GET /training-needs/employees` (GetEmployeeTrainingNeeds.cs). */
interface EmployeeNeedAnswer {
  employeeKey: string;
  departmentCode: string;
  tier: 'power' | 'casual' | null;
  missingModules: string[];
}

const toNeed = (d: DepartmentNeedAnswer, generalModule: string): TrainingNeed => ({
  departmentCode: d.departmentCode,
  departmentName: d.name,
  headcount: d.headcount,
  active: d.active,
  suppressed: d.suppressed,
  trained: d.trained,
  untrained: d.untrained,
  depth: d.depth,
  priority: d.priority,
  missingModules: d.missingModules.map((m) => ({ code: m.moduleCode, title: m.title, employeesMissing: m.employeesMissing, general: m.moduleCode === generalModule })),
});

export const getTrainingNeeds = (q: { departmentCode?: string; waveCode?: string }) =>
  apiJson<{ generalModule: string; departments: DepartmentNeedAnswer[] }>('/training-needs', { query: q }).then((r) =>
    r.departments.map((d) => toNeed(d, r.generalModule)),
  );
export const getEmployeeTrainingNeeds = (q: { departmentCode?: string }) =>
  fetchAll<EmployeeNeedAnswer>('/training-needs/employees', q).then((items) =>
    items.map((e): EmployeeTrainingNeed => ({ employeeKey: e.employeeKey, departmentCode: e.departmentCode, trainingTier: e.tier, missingModules: e.missingModules })),
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
