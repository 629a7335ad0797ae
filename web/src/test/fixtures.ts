// Answers of the API for the dashboard's tests, typed by the generated schema (schema.d.ts):
// a member the API renames or adds fails the type check here, so the fixtures cannot drift.
import { capabilities, type Role } from '@/lib/auth/access';
import { type Me } from '@/lib/auth/me';
import { type AdoptionResponse, type DepartmentHeatmapResponse, type DepartmentKpiResponse, type KpiPeriod, type KpiResponse } from '@/lib/api/kpis';
import { type Wave } from '@/lib/api/waves';

export function kpiPeriod(period: string, start: string, over: Partial<KpiPeriod> = {}): KpiPeriod {
  return {
    period,
    start,
    end: start,
    breadth: { adoptingDepartments: 3, departments: 4, ratio: 0.75 },
    depth: { activeEmployees: 25, headcount: 200, ratio: 0.125 },
    diversity: { useCasesInUse: 7 },
    impact: { hoursSaved: 1234.5, ticketsAvoided: 12, employeesHelped: 30, valueSaved: 55552.5 },
    sustainability: { trend: 'growing', slope: 0.04 },
    suppressed: false,
    ...over,
  };
}

export const kpis: KpiResponse = {
  grain: 'week',
  computedAt: '2026-03-16T06:00:00Z',
  stale: true,
  periods: [
    kpiPeriod('2026-W10', '2026-03-02', { depth: { activeEmployees: 20, headcount: 200, ratio: 0.1 } }),
    kpiPeriod('2026-W11', '2026-03-09'),
  ],
};

export const departmentKpis: DepartmentKpiResponse = {
  grain: 'week',
  computedAt: '2026-03-16T06:00:00Z',
  stale: false,
  departments: [
    {
      code: 'SALES',
      name: 'Sales',
      periods: ['2026-W10', '2026-W11'].map((period, i) => ({
        period,
        start: i ? '2026-03-09' : '2026-03-02',
        end: '',
        headcount: 40,
        activeEmployees: 10 + i,
        depth: (10 + i) / 40,
        adopting: true,
        useCasesInUse: 3,
        hoursSaved: 20,
        ticketsAvoided: 1,
        employeesHelped: 2,
        valueSaved: 900,
        trend: 'stable',
        slope: 0.01,
        suppressed: false,
      })),
    },
    {
      code: 'LEGAL',
      name: 'Legal',
      periods: ['2026-W10', '2026-W11'].map((period) => ({
        period,
        start: '',
        end: '',
        headcount: 3,
        activeEmployees: null,
        depth: null,
        adopting: false,
        useCasesInUse: 0,
        hoursSaved: 0,
        ticketsAvoided: 0,
        employeesHelped: 0,
        valueSaved: 0,
        trend: null,
        slope: null,
        suppressed: true,
      })),
    },
  ],
};

/**
 * The heatmap answer the API gives for the same figures as a department answer: the periods once,
 * then per department arrays aligned with them (all departments share the periods here).
 */
export function heatmapOf(kpis: DepartmentKpiResponse): DepartmentHeatmapResponse {
  const periods = (kpis.departments[0]?.periods ?? []).map(({ period, start, end }) => ({ period, start, end }));
  return {
    grain: kpis.grain,
    computedAt: kpis.computedAt,
    stale: kpis.stale,
    periods,
    departments: kpis.departments.map((d) => ({
      code: d.code,
      name: d.name,
      headcount: d.periods.map((p) => p.headcount),
      activeEmployees: d.periods.map((p) => (p.suppressed ? null : p.activeEmployees)),
      suppressed: d.periods.flatMap((p, i) => (p.suppressed ? [i] : [])),
      trend: d.periods.at(-1)?.suppressed ? null : (d.periods.at(-1)?.trend ?? null),
    })),
  };
}

export const departmentHeatmap = heatmapOf(departmentKpis);

export const adoption: AdoptionResponse = {
  grain: 'week',
  computedAt: '2026-03-16T06:00:00Z',
  stale: false,
  periods: [
    {
      period: '2026-W11',
      start: '2026-03-09',
      end: '2026-03-15',
      headcount: 200,
      suppressed: false,
      bands: { habitual: 10, regular: 20, occasional: 30, nonUser: 140 },
      habitRate: 0.05,
      transitions: { retained: 15, new: 5, reactivated: 2, lapsed: 3, dormant: 175 },
      activation: { eligible: 100, activated: 40, rate: 0.4, medianDays: 12 },
      seats: { held: 80, idle: 20, unseatedActive: 4 },
    },
  ],
};

export const waves: Wave[] = [
  {
    code: 'W1',
    name: 'Pilot',
    kind: 'pilot',
    sequence: 1,
    departmentCodes: ['SALES'],
    plannedStart: '2026-01-05',
    plannedEnd: '2026-03-31',
    status: 'active',
    targetDepth: 0.3,
    targetBreadth: null,
    executiveSponsor: 'A. Martin',
    technicalOwner: 'IT',
    adoptionOwner: null,
    contentOwner: null,
    governanceOwner: null,
    lastGateReview: null,
    gateReviews: [],
  },
];

/**
 * What `GET /me` answers for a role: the capabilities are the API's policy names its roles table
 * gives that role (tests/RolloutHub.Tests/Security/MeTests.cs holds the API to them).
 */
const capabilitiesOf: Record<Role, Me['capabilities']> = {
  admin: [...capabilities],
  executive: ['read:dashboards', 'read:management', 'read:champions', 'read:outcomes', 'read:training-needs', 'write:gate-reviews'],
  champion: ['read:dashboards', 'read:champions', 'read:outcomes', 'read:employees', 'read:usage', 'write:usage', 'write:use-case-proposals', 'write:imports', 'write:source-imports'],
  hr: ['read:dashboards', 'read:champions', 'read:employees', 'read:training-needs', 'write:imports', 'read:seats'],
};

export function me(role: Role, name: string, departmentCodes: string[] = []): Me {
  return { name, role, departmentCodes, capabilities: capabilitiesOf[role] };
}
