import { describe, expect, it } from 'vitest';
import { heatmapSeries, type DepartmentHeatmapResponse } from '@/lib/api/kpis';

const answer: DepartmentHeatmapResponse = {
  grain: 'week',
  computedAt: '2026-03-16T06:00:00Z',
  stale: false,
  periods: [
    { period: '2026-W10', start: '2026-03-02', end: '2026-03-08' },
    { period: '2026-W11', start: '2026-03-09', end: '2026-03-15' },
  ],
  departments: [
    { code: 'SALES', name: 'Sales', headcount: [40, 0], activeEmployees: [10, 0], suppressed: [], trend: 'growing' },
    { code: 'LEGAL', name: 'Legal', headcount: [3, 3], activeEmployees: [null, null], suppressed: [0, 1], trend: null },
    { code: 'NEW', name: 'New', headcount: [null, 12], activeEmployees: [null, 6], suppressed: [], trend: 'stable' },
  ],
};

describe('heatmapSeries', () => {
  it('places each figure under its period, depth being active employees over headcount', () => {
    const [sales, legal, added] = heatmapSeries(answer);
    expect(sales.periods).toEqual([
      { period: '2026-W10', headcount: 40, activeEmployees: 10, depth: 0.25, suppressed: false, trend: null },
      { period: '2026-W11', headcount: 0, activeEmployees: 0, depth: null, suppressed: false, trend: 'growing' },
    ]);
    expect(legal.periods.map((p) => [p.headcount, p.depth, p.suppressed])).toEqual([
      [3, null, true],
      [3, null, true],
    ]);
    expect(added.periods.map((p) => p.depth)).toEqual([null, 0.5]);
  });
});
