import { describe, expect, it } from 'vitest';
import { depthBand, depthBands, groupRows, limitGroups, matches, nextSort, sortRows, type DepartmentRow } from './department-rows';
import { deptCode, hasNoFigures, isSuppressed, manyDepartmentKpis, manyWaves, weeks } from '@/test/many-departments';

const kpis = manyDepartmentKpis(200, weeks(4));
const rows: DepartmentRow[] = kpis.departments.map((d) => ({
  code: d.code,
  name: d.name,
  headcount: d.periods[0].headcount,
  latest: d.periods[d.periods.length - 1],
  periods: d.periods,
}));
const hidden = (r: DepartmentRow) => r.latest?.suppressed || r.latest?.depth == null;

describe('department rows at 200 departments', () => {
  it('finds departments by name without minding case or accents, and by code', () => {
    expect(rows.filter((r) => matches(r, 'comptabilite')).map((r) => r.name)).toHaveLength(20);
    expect(rows.filter((r) => matches(r, 'INGÉNIERIE 3')).map((r) => r.code)).toEqual(['D027']);
    expect(rows.filter((r) => matches(r, 'd13')).map((r) => r.code)).toEqual(Array.from({ length: 10 }, (_, i) => `D13${i}`));
    expect(rows.filter((r) => matches(r, ' D013 ')).map((r) => r.code)).toEqual(['D013']);
    expect(rows.filter((r) => matches(r, '  '))).toHaveLength(200);
    expect(rows.filter((r) => matches(r, 'nowhere'))).toHaveLength(0);
  });

  it('sorts by latest depth either way, with suppressed and empty departments last both times', () => {
    for (const direction of ['descending', 'ascending'] as const) {
      const sorted = sortRows(rows, { key: 'depth', direction }, 'en-GB');
      const shown = sorted.filter((r) => !hidden(r)).map((r) => r.latest!.depth!);
      const firstHidden = sorted.findIndex(hidden);
      expect(firstHidden).toBe(shown.length);
      expect(sorted.slice(firstHidden).every(hidden)).toBe(true);
      expect(shown).toEqual([...shown].sort((a, b) => (direction === 'ascending' ? a - b : b - a)));
    }
    expect(sortRows(rows, { key: 'depth', direction: 'descending' }, 'en-GB')).toHaveLength(200);
  });

  it('sorts names as people read them (2 before 10), by headcount, by trend and by any period', () => {
    const byName = sortRows(rows, { key: 'name', direction: 'ascending' }, 'en-GB').map((r) => r.name);
    expect(byName.slice(0, 3)).toEqual(['Achats 1', 'Achats 2', 'Achats 3']);
    expect(byName.indexOf('Achats 2')).toBeLessThan(byName.indexOf('Achats 10'));
    const byHeadcount = sortRows(rows, { key: 'headcount', direction: 'descending' }, 'en-GB').map((r) => r.headcount!);
    expect(byHeadcount).toEqual([...byHeadcount].sort((a, b) => b - a));
    const byTrend = sortRows(rows, { key: 'trend', direction: 'descending' }, 'en-GB');
    expect(byTrend[0].latest!.trend).toBe('growing');
    expect(byTrend.at(-1)!.latest!.suppressed).toBe(true);
    const week2 = sortRows(rows, { key: 'period:2025-W02', direction: 'descending' }, 'en-GB');
    expect(week2[0].periods[1].depth).toBe(Math.max(...rows.map((r) => r.periods[1].depth ?? -1)));
  });

  it('reads text columns A to Z first and figures highest first, and turns on a second click', () => {
    expect(nextSort(null, 'name')).toEqual({ key: 'name', direction: 'ascending' });
    expect(nextSort(null, 'depth')).toEqual({ key: 'depth', direction: 'descending' });
    expect(nextSort({ key: 'depth', direction: 'descending' }, 'depth')).toEqual({ key: 'depth', direction: 'ascending' });
    expect(nextSort({ key: 'depth', direction: 'descending' }, 'code')).toEqual({ key: 'code', direction: 'ascending' });
  });

  it('groups by depth band in the heatmap’s quarters, every department once', () => {
    const groups = groupRows(rows, 'band');
    expect(groups.map((g) => g.key)).toEqual([...depthBands]);
    expect(groups.reduce((n, g) => n + g.rows.length, 0)).toBe(200);
    for (const g of groups) for (const r of g.rows) expect(depthBand(r.latest)).toBe(g.key);
    expect(groups.find((g) => g.key === 'suppressed')!.rows.map((r) => r.code)).toEqual(rows.filter((_, i) => isSuppressed(i)).map((r) => r.code));
    expect(groups.find((g) => g.key === 'noData')!.rows).toHaveLength(rows.filter((_, i) => hasNoFigures(i)).length);
    expect(depthBand({ ...rows[0].latest!, depth: 0.75 })).toBe('top');
    expect(depthBand({ ...rows[0].latest!, depth: 0.7499 })).toBe('high');
    expect(depthBand({ ...rows[0].latest!, depth: 0 })).toBe('low');
  });

  it('groups by wave in sequence, listing a department under each of its waves, and those in none last', () => {
    const groups = groupRows(rows, 'wave', manyWaves);
    expect(groups.map((g) => [g.key, g.rows.length])).toEqual([
      ['W1', 10],
      ['W2', 96],
      ['noWave', 100],
    ]);
    expect(groups[0].rows.map((r) => r.code)).toContain(deptCode(5));
    expect(groups[1].rows.map((r) => r.code)).toContain(deptCode(5));
    // Sorting first keeps the order inside each group.
    const sorted = groupRows(sortRows(rows, { key: 'code', direction: 'descending' }, 'en-GB'), 'wave', manyWaves);
    expect(sorted[0].rows[0].code).toBe('D010');
  });

  it('cuts the groups to a page, keeping each group’s full size', () => {
    const page = limitGroups(groupRows(rows, 'wave', manyWaves), 25);
    expect(page.shown).toBe(25);
    expect(page.total).toBe(206);
    expect(page.groups.map((g) => [g.key, g.rows.length, g.size])).toEqual([
      ['W1', 10, 10],
      ['W2', 15, 96],
    ]);
    expect(limitGroups(groupRows(rows, 'none'), Number.POSITIVE_INFINITY).shown).toBe(200);
  });
});
