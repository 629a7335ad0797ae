import type { DepthFigures } from '@/lib/api/kpis';
import type { Wave } from '@/lib/api/waves';

// What a reader of a few hundred departments needs: find one by name or code, sort by any
// column, group by wave or by depth band, and see a page at a time. Shared by the department
// list and the overview's heatmap so both answer the same way.

export interface DepartmentRow {
  code: string;
  name: string;
  /** Shown even for a suppressed department: its headcount is the one figure it may show. */
  headcount: number | null;
  /** The latest period's figures, when there are KPIs for the department. */
  latest: DepthFigures | undefined;
  /** Every period's figures (the heatmap's columns). */
  periods: DepthFigures[];
}

export type SortKey = 'code' | 'name' | 'headcount' | 'depth' | 'trend' | `period:${string}`;
export type SortDirection = 'ascending' | 'descending';
export interface Sort {
  key: SortKey;
  direction: SortDirection;
}

export type GroupBy = 'none' | 'wave' | 'band';
export const depthBands = ['top', 'high', 'mid', 'low', 'noData', 'suppressed'] as const;
export type DepthBand = (typeof depthBands)[number];

export interface RowGroup {
  /** 'all' when not grouped; a wave code, 'noWave', or a depth band otherwise. */
  key: string;
  wave?: Wave;
  band?: DepthBand;
  rows: DepartmentRow[];
}

/** Lower case, without accents: "Ressources humaines" is found by "ressources", "RH" or "humaines". */
export const searchable = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

export function matches(row: DepartmentRow, query: string): boolean {
  const q = searchable(query.trim());
  if (q === '') return true;
  return searchable(row.name).includes(q) || searchable(row.code).includes(q);
}

/** A figure shown for the period, or null when it is suppressed or missing: what sorting may use. */
const visibleDepth = (p: DepthFigures | undefined) => (p == null || p.suppressed ? null : p.depth);

// The API's sustainability trends, best first; one this dashboard does not know sorts as unknown.
const trendRank: Partial<Record<string, number>> = { growing: 4, stable: 3, declining: 2, inactive: 1, 'insufficient-data': 0 };

function sortValue(row: DepartmentRow, key: SortKey): string | number | null {
  switch (key) {
    case 'code':
      return row.code;
    case 'name':
      return row.name;
    case 'headcount':
      return row.headcount;
    case 'depth':
      return visibleDepth(row.latest);
    case 'trend':
      return row.latest == null || row.latest.suppressed || row.latest.trend == null ? null : (trendRank[row.latest.trend] ?? null);
    default: {
      const period = key.slice('period:'.length);
      return visibleDepth(row.periods.find((p) => p.period === period));
    }
  }
}

/** Text columns read A→Z first, figures highest first. */
export const firstDirection = (key: SortKey): SortDirection => (key === 'code' || key === 'name' ? 'ascending' : 'descending');

export const nextSort = (current: Sort | null, key: SortKey): Sort =>
  current?.key === key
    ? { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
    : { key, direction: firstDirection(key) };

/**
 * Sorted copy. Departments with nothing to show for the column (suppressed, no figures) come last
 * in both directions, so their place never hints at a hidden value; ties read by name.
 */
export function sortRows(rows: DepartmentRow[], sort: Sort | null, locale: string): DepartmentRow[] {
  if (sort == null) return rows;
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const keyed = rows.map((row) => ({ row, value: sortValue(row, sort.key) }));
  keyed.sort((a, b) => {
    if (a.value == null || b.value == null) {
      if (a.value == null && b.value != null) return 1;
      if (b.value == null && a.value != null) return -1;
      return collator.compare(a.row.name, b.row.name);
    }
    const c = typeof a.value === 'number' && typeof b.value === 'number' ? a.value - b.value : collator.compare(String(a.value), String(b.value));
    return c !== 0 ? sign * c : collator.compare(a.row.name, b.row.name);
  });
  return keyed.map((k) => k.row);
}

/** Quarters of the heatmap's scale, so a band and a cell's colour tell the same story. */
export function depthBand(p: DepthFigures | undefined): DepthBand {
  if (p?.suppressed) return 'suppressed';
  if (p == null || p.depth == null) return 'noData';
  if (p.depth >= 0.75) return 'top';
  if (p.depth >= 0.5) return 'high';
  if (p.depth >= 0.25) return 'mid';
  return 'low';
}

/**
 * Rows in groups, each keeping the order it is given. By wave, in the waves' sequence: a
 * department in several waves (a pilot, then a rollout) is listed under each, and those in
 * none come last.
 */
export function groupRows(rows: DepartmentRow[], by: GroupBy, waves: Wave[] = []): RowGroup[] {
  if (by === 'band') {
    return depthBands.map((band) => ({ key: band, band, rows: rows.filter((r) => depthBand(r.latest) === band) })).filter((g) => g.rows.length > 0);
  }
  if (by === 'wave') {
    const ordered = [...waves].sort((a, b) => a.sequence - b.sequence || a.code.localeCompare(b.code));
    const inAWave = new Set(ordered.flatMap((w) => w.departmentCodes));
    const groups: RowGroup[] = ordered.map((wave) => {
      const codes = new Set(wave.departmentCodes);
      return { key: wave.code, wave, rows: rows.filter((r) => codes.has(r.code)) };
    });
    groups.push({ key: 'noWave', rows: rows.filter((r) => !inAWave.has(r.code)) });
    return groups.filter((g) => g.rows.length > 0);
  }
  return [{ key: 'all', rows }];
}

/** A group cut to the page, with its full size for its heading. */
export type ShownGroup = RowGroup & { size: number };

/** The first `limit` rows across the groups, in order; groups past the limit are left out. */
export function limitGroups(groups: RowGroup[], limit: number): { groups: ShownGroup[]; shown: number; total: number } {
  const total = groups.reduce((n, g) => n + g.rows.length, 0);
  const out: ShownGroup[] = [];
  let left = limit;
  for (const g of groups) {
    if (left <= 0) break;
    out.push({ ...g, rows: g.rows.length <= left ? g.rows : g.rows.slice(0, left), size: g.rows.length });
    left -= Math.min(left, g.rows.length);
  }
  return { groups: out, shown: Math.min(total, limit), total };
}
