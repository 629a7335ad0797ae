import { queryOptions, useQuery } from '@tanstack/react-query';
import { answer, api, ApiError, type Schema } from '@/lib/api/client';

export type KpiResponse = Schema<'OrganisationKpis'>;
export type KpiPeriod = Schema<'OrganisationPeriod'>;
export type DepartmentKpiResponse = Schema<'DepartmentKpis'>;
export type DepartmentKpiPeriod = Schema<'DepartmentPeriod'>;
export type DepartmentHeatmapResponse = Schema<'DepartmentHeatmap'>;
export type HeatmapPeriod = Schema<'HeatmapPeriod'>;
export type AdoptionResponse = Schema<'OrganisationAdoption'>;
export type AdoptionPeriod = Schema<'AdoptionPeriod'>;
export type ToolsKpis = Schema<'ToolKpis'>;
export type ToolsPeriod = Schema<'ToolPeriod'>;

/** The two grains of the KPI periods: ISO weeks and calendar months. */
export type Grain = 'week' | 'month';

// Read from stored snapshots; `stale` says data changed since `computedAt`.
export interface KpiRange {
  grain: Grain;
  from: string;
  to: string;
}

const q = (r: KpiRange) => ({ grain: r.grain, from: r.from, to: r.to });

export const getKpis = (r: KpiRange) => answer(api.GET('/api/v1/kpis', { params: { query: q(r) } }));
export const getDepartmentKpis = (r: KpiRange) => answer(api.GET('/api/v1/kpis/departments', { params: { query: q(r) } }));
/** The heatmap's figures only (headcounts, active employees, hidden periods, latest trend): a tenth of the department read. */
export const getDepartmentHeatmap = (r: KpiRange) => answer(api.GET('/api/v1/kpis/departments/heatmap', { params: { query: q(r) } }));
export const getAdoption = (r: KpiRange) => answer(api.GET('/api/v1/kpis/adoption', { params: { query: q(r) } }));
/** Figures per AI tool, for the organisation or one department; null from an API that has no tools yet (404). */
export const getToolKpis = (r: KpiRange, departmentCode?: string) =>
  answer(api.GET('/api/v1/kpis/tools', { params: { query: { ...q(r), departmentCode } } })).catch((e: unknown) => {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  });
/** How often a page asks again while its figures are not computed yet, or out of date. */
export const KPI_POLL_MS = 5_000;

/**
 * Never computed (a fresh install, the first run still going) or stale (data changed since):
 * a run is due within seconds, so ask again until the answer is current, and the page updates
 * by itself instead of showing "no figures" until someone reloads it.
 */
export const awaitingComputation = (answer: { computedAt: string | null; stale: boolean } | undefined) =>
  answer !== undefined && (answer.computedAt === null || answer.stale);

const pollWhileAwaiting = { refetchInterval: (q: { state: { data?: { computedAt: string | null; stale: boolean } } }) => (awaitingComputation(q.state.data) ? KPI_POLL_MS : false) };

export const kpisQueryOptions = (r: KpiRange) => queryOptions({ queryKey: ['kpis', 'org', r], queryFn: () => getKpis(r), ...pollWhileAwaiting });
export const departmentKpisQueryOptions = (r: KpiRange) =>
  queryOptions({ queryKey: ['kpis', 'departments', r], queryFn: () => getDepartmentKpis(r), ...pollWhileAwaiting });
export const departmentHeatmapQueryOptions = (r: KpiRange) =>
  queryOptions({ queryKey: ['kpis', 'departments-heatmap', r], queryFn: () => getDepartmentHeatmap(r), ...pollWhileAwaiting });
export const adoptionQueryOptions = (r: KpiRange) => queryOptions({ queryKey: ['kpis', 'adoption', r], queryFn: () => getAdoption(r), ...pollWhileAwaiting });

export const toolKpisQueryOptions = (r: KpiRange, departmentCode?: string) =>
  queryOptions({
    queryKey: ['kpis', 'tools', r, departmentCode ?? ''],
    queryFn: () => getToolKpis(r, departmentCode),
    refetchInterval: (q: { state: { data?: ToolsKpis | null } }) => (awaitingComputation(q.state.data ?? undefined) ? KPI_POLL_MS : false),
  });

export const useKpis = (r: KpiRange) => useQuery(kpisQueryOptions(r));
export const useToolKpis = (r: KpiRange, departmentCode?: string) => useQuery(toolKpisQueryOptions(r, departmentCode));
export const useDepartmentKpis = (r: KpiRange) => useQuery(departmentKpisQueryOptions(r));
export const useDepartmentHeatmap = (r: KpiRange) => useQuery(departmentHeatmapQueryOptions(r));
export const useAdoption = (r: KpiRange) => useQuery(adoptionQueryOptions(r));

/**
 * What the heatmap and the department list show of a department in one period. A period of the
 * department read (`DepartmentKpiPeriod`) is one too; `heatmapSeries` makes them from the compact
 * heatmap answer.
 */
export interface DepthFigures {
  period: string;
  /** Null when the period has no figures for the department yet. */
  headcount: number | null;
  activeEmployees: number | null;
  /** activeEmployees ÷ headcount; null when hidden, without figures, or nobody employed. */
  depth: number | null;
  suppressed: boolean;
  /** Given for the department's last period only in the heatmap answer. */
  trend: string | null;
}

export interface DepthSeries {
  code: string;
  name: string;
  periods: DepthFigures[];
}

/**
 * The heatmap answer as one series per department: its arrays are aligned with `periods`, depth
 * is active employees over headcount (the API's definition, from the integers it sends), and the
 * trend belongs to the last period.
 */
export function heatmapSeries(answer: DepartmentHeatmapResponse): DepthSeries[] {
  const last = answer.periods.length - 1;
  return answer.departments.map((d) => {
    const hidden = new Set(d.suppressed);
    return {
      code: d.code,
      name: d.name,
      periods: answer.periods.map((p, i): DepthFigures => {
        const headcount = d.headcount[i] ?? null;
        const active = d.activeEmployees[i] ?? null;
        const suppressed = hidden.has(i);
        return {
          period: p.period,
          headcount,
          activeEmployees: active,
          depth: suppressed || active == null || headcount == null || headcount === 0 ? null : active / headcount,
          suppressed,
          trend: i === last ? d.trend : null,
        };
      }),
    };
  });
}
