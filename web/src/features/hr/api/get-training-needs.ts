import { queryOptions, useQuery } from '@tanstack/react-query';
import { useI18n } from '@/lib/i18n/i18n';
import { apiJson, type Page } from '@/lib/api/client';

// SPEC §4 "Training needs": per department headcount, active, trained, untrained, depth and the
// modules it lacks. The exact member names come from the OpenAPI document; read them tolerantly.
export interface MissingModule {
  code: string;
  title?: string | null;
  employeesMissing: number;
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

type Raw = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' ? v : 0);
const list = <T,>(r: Page<T> | T[] | { departments?: T[]; employees?: T[] }): T[] =>
  Array.isArray(r) ? r : ((r as Page<T>).items ?? (r as { departments?: T[] }).departments ?? (r as { employees?: T[] }).employees ?? []);

function normaliseModule(m: unknown): MissingModule {
  if (typeof m === 'string') return { code: m, employeesMissing: 0 };
  const o = m as Raw;
  return {
    code: String(o.code ?? o.moduleCode ?? o.useCaseCode ?? ''),
    title: (o.title as string) ?? null,
    employeesMissing: num(o.employeesMissing ?? o.missing ?? o.untrained ?? o.employeesWithout ?? o.count),
  };
}

export function normaliseNeed(o: Raw): TrainingNeed {
  const modules = (o.missingModules ?? o.modules ?? o.lackingModules ?? []) as unknown[];
  return {
    departmentCode: String(o.departmentCode ?? o.code ?? ''),
    departmentName: (o.departmentName ?? o.name ?? null) as string | null,
    headcount: num(o.headcount),
    active: typeof o.active === 'number' ? o.active : null,
    suppressed: o.suppressed === true,
    trained: num(o.trained),
    untrained: num(o.untrained),
    depth: typeof o.depth === 'number' ? o.depth : null,
    missingModules: modules.map(normaliseModule),
    priority: typeof o.priority === 'number' ? o.priority : null,
  };
}

export function normaliseEmployeeNeed(o: Raw): EmployeeTrainingNeed {
  const modules = (o.missingModules ?? o.modules ?? []) as unknown[];
  return {
    employeeKey: String(o.employeeKey ?? ''),
    departmentCode: (o.departmentCode as string) ?? null,
    trainingTier: (o.trainingTier ?? o.tier ?? null) as EmployeeTrainingNeed['trainingTier'],
    missingModules: modules.map((m) => (typeof m === 'string' ? m : normaliseModule(m).code)),
  };
}

export const getTrainingNeeds = (q: { departmentCode?: string; waveCode?: string }, language?: string) =>
  apiJson<Page<Raw> | Raw[]>('/training-needs', { query: { ...q, limit: 500 }, language }).then((r) => list(r).map(normaliseNeed));
export const getEmployeeTrainingNeeds = (q: { departmentCode?: string }) =>
  apiJson<Page<Raw> | Raw[]>('/training-needs/employees', { query: { ...q, limit: 500 } }).then((r) => list(r).map(normaliseEmployeeNeed));

// Module titles and priority reasons are worded in the language asked for (Accept-Language).
export const trainingNeedsQueryOptions = (q: { departmentCode?: string; waveCode?: string }, language: string) =>
  queryOptions({ queryKey: ['training-needs', q, language], queryFn: () => getTrainingNeeds(q, language) });
export const employeeTrainingNeedsQueryOptions = (q: { departmentCode?: string }) =>
  queryOptions({ queryKey: ['training-needs', 'employees', q], queryFn: () => getEmployeeTrainingNeeds(q) });

export const useTrainingNeeds = (q: { departmentCode?: string; waveCode?: string }, enabled = true) =>
  useQuery({ ...trainingNeedsQueryOptions(q, useI18n().lang), enabled });
export const useEmployeeTrainingNeeds = (q: { departmentCode?: string }, enabled = true) =>
  useQuery({ ...employeeTrainingNeedsQueryOptions(q), enabled });
