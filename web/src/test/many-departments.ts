import type { Department } from '@/lib/api/departments';
import type { DepartmentKpiPeriod, DepartmentKpiResponse } from '@/lib/api/kpis';
import type { Wave } from '@/lib/api/waves';
import { waves as oneWave } from './fixtures';

// An organisation of a few hundred departments, as at SCALE=10: deterministic figures, every
// 20th department too small to show (suppressed), every 25th without figures yet.

const bases = ['Comptabilité', 'Ventes', 'Juridique', 'Logistique', 'Marketing', 'Achats', 'Ingénierie', 'Support', 'Finance', 'Qualité'];
const trends = ['growing', 'stable', 'declining', 'inactive', 'insufficient-data'];

export const deptCode = (i: number) => `D${String(i + 1).padStart(3, '0')}`;
export const deptName = (i: number) => `${bases[i % bases.length]} ${Math.floor(i / bases.length) + 1}`;
export const isSuppressed = (i: number) => (i + 1) % 20 === 0;
export const hasNoFigures = (i: number) => !isSuppressed(i) && (i + 1) % 25 === 0;
/** Depth of department i in period j: spread over 0–99 %, different per period. */
export const depthOf = (i: number, j: number) => ((i * 37 + j * 11) % 100) / 100;
export const headcountOf = (i: number) => (isSuppressed(i) ? 3 : 20 + ((i * 13) % 180));

/** ISO weeks 2025-W01… for `weeks` weeks. */
export const weeks = (n: number) => Array.from({ length: n }, (_, j) => `2025-W${String(j + 1).padStart(2, '0')}`);

export function manyDepartments(count: number): Department[] {
  return Array.from({ length: count }, (_, i) => ({ code: deptCode(i), name: deptName(i), headcount: headcountOf(i) }));
}

export function manyDepartmentKpis(count: number, periods: string[]): DepartmentKpiResponse {
  return {
    grain: 'week',
    computedAt: '2026-03-16T06:00:00Z',
    stale: false,
    departments: Array.from({ length: count }, (_, i) => ({
      code: deptCode(i),
      name: deptName(i),
      periods: periods.map((period, j): DepartmentKpiPeriod => {
        const headcount = headcountOf(i);
        const hidden = isSuppressed(i);
        // Depth is active ÷ headcount, as the API computes it (and the heatmap answer lets the reader).
        const active = hidden || hasNoFigures(i) ? null : Math.round(depthOf(i, j) * headcount);
        const depth = active == null ? null : active / headcount;
        return {
          period,
          start: '2025-01-06',
          end: '2025-01-12',
          headcount,
          activeEmployees: active,
          depth,
          adopting: depth != null && depth > 0,
          useCasesInUse: hidden ? 0 : 2,
          hoursSaved: hidden ? 0 : 10,
          ticketsAvoided: 0,
          employeesHelped: 0,
          valueSaved: hidden ? 0 : 450,
          trend: hidden ? null : trends[i % trends.length],
          slope: hidden ? null : 0.01,
          suppressed: hidden,
        };
      }),
    })),
  };
}

/** A pilot of D001–D010 and a rollout of D005–D100 (six departments in both); the rest in none. */
export const manyWaves: Wave[] = [
  { ...oneWave[0], code: 'W1', name: 'Pilot', kind: 'pilot', sequence: 1, departmentCodes: Array.from({ length: 10 }, (_, i) => deptCode(i)) },
  { ...oneWave[0], code: 'W2', name: 'Rollout', kind: 'rollout', sequence: 2, departmentCodes: Array.from({ length: 96 }, (_, i) => deptCode(i + 4)) },
];
