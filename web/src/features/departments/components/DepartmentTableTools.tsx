import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { useI18n } from '@/lib/i18n/i18n';
import type { Wave } from '@/lib/api/waves';
import { groupRows, limitGroups, matches, nextSort, sortRows, type DepartmentRow, type GroupBy, type ShownGroup, type Sort, type SortKey } from './department-rows';

interface TableView {
  query: string;
  sort: Sort | null;
  groupBy: GroupBy;
}
const noView: TableView = { query: '', sort: null, groupBy: 'none' };

/** The reader's search, sort and grouping for this tab, so that coming back from a department finds them again. */
function useRememberedView(key: string) {
  const storageKey = `rollouthub.departmentTable.${key}`;
  const [view, setView] = useState<TableView>(() => {
    try {
      const saved = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null') as Partial<TableView> | null;
      return saved ? { ...noView, ...saved } : noView;
    } catch {
      return noView;
    }
  });
  useEffect(() => {
    try {
      sessionStorage.setItem(storageKey, JSON.stringify(view));
    } catch {
      /* storage may be disabled */
    }
  }, [storageKey, view]);
  return [view, setView] as const;
}

/**
 * Search, sort, grouping and a page at a time over department rows. The page grows by
 * `pageSize` on request and starts again when the search, sort or grouping changes.
 */
export function useDepartmentTable(rows: DepartmentRow[], { pageSize, waves, key }: { pageSize: number; waves?: Wave[]; key: string }) {
  const { locale } = useI18n();
  const [{ query, sort, groupBy: chosen }, setView] = useRememberedView(key);
  // Wave grouping waits for the waves (a remembered choice included).
  const groupBy: GroupBy = chosen === 'wave' && !waves ? 'none' : chosen;
  const setQuery = (q: string) => setView((v) => ({ ...v, query: q }));
  const setGroupBy = (g: GroupBy) => setView((v) => ({ ...v, groupBy: g }));
  const view = `${query}\u0000${sort?.key}\u0000${sort?.direction}\u0000${groupBy}`;
  const [page, setPage] = useState({ view, limit: pageSize });
  if (page.view !== view) setPage({ view, limit: pageSize });
  const limit = page.view === view ? page.limit : pageSize;

  const grouped = useMemo(
    () => groupRows(sortRows(rows.filter((r) => matches(r, query)), sort, locale), groupBy, waves),
    [rows, query, sort, locale, groupBy, waves],
  );
  const shown = useMemo(() => limitGroups(grouped, limit), [grouped, limit]);
  // A printout has no "show more": print every department the search and grouping keep.
  useEffect(() => {
    const all = () => flushSync(() => setPage({ view, limit: Number.POSITIVE_INFINITY }));
    window.addEventListener('beforeprint', all);
    return () => window.removeEventListener('beforeprint', all);
  }, [view]);
  return {
    query,
    setQuery,
    sort,
    sortBy: (column: SortKey) => setView((v) => ({ ...v, sort: nextSort(v.sort, column) })),
    groupBy,
    setGroupBy,
    canGroupByWave: waves !== undefined,
    pageSize,
    ...shown,
    showMore: () => setPage({ view, limit: limit + pageSize }),
    showAll: () => setPage({ view, limit: Number.POSITIVE_INFINITY }),
  };
}
export type DepartmentTable = ReturnType<typeof useDepartmentTable>;

export function DepartmentTableControls({ table, idPrefix }: { table: DepartmentTable; idPrefix: string }) {
  const { t } = useI18n();
  return (
    <form className="filters no-print" role="search" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor={`${idPrefix}-search`}>{t('departments.search')}</label>
        <input id={`${idPrefix}-search`} type="search" autoComplete="off" value={table.query} onChange={(e) => table.setQuery(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-group`}>{t('departments.groupBy')}</label>
        <select id={`${idPrefix}-group`} value={table.groupBy} onChange={(e) => table.setGroupBy(e.target.value as GroupBy)}>
          <option value="none">{t('departments.groupBy.none')}</option>
          {table.canGroupByWave && <option value="wave">{t('departments.groupBy.wave')}</option>}
          <option value="band">{t('departments.groupBy.band')}</option>
        </select>
      </div>
      {table.groupBy === 'wave' && <p className="muted">{t('departments.severalWaves')}</p>}
    </form>
  );
}

/** A column heading that sorts its table; its state is read out through aria-sort. */
export function SortHeader({ table, sortKey, label, className }: { table: DepartmentTable; sortKey: SortKey; label: ReactNode; className?: string }) {
  const { t } = useI18n();
  const active = table.sort?.key === sortKey ? table.sort.direction : undefined;
  return (
    <th scope="col" className={className} aria-sort={active}>
      <button
        type="button"
        className="sort-button"
        title={typeof label === 'string' ? t('departments.sortBy', { column: label }) : undefined}
        onClick={() => table.sortBy(sortKey)}
      >
        {label}
        <span aria-hidden="true" className="sort-mark">
          {active === 'ascending' ? ' ▲' : active === 'descending' ? ' ▼' : ' ↕'}
        </span>
      </button>
    </th>
  );
}

/** The heading row of a group: its wave or band and how many departments it holds. */
export function GroupHeading({ group, columns }: { group: ShownGroup; columns: number }) {
  const { t } = useI18n();
  if (group.key === 'all') return null;
  const label = group.wave ? `${group.wave.name} (${group.wave.code})` : group.band ? t(`departments.band.${group.band}`) : t('departments.noWave');
  return (
    <tr className="group-row">
      <th scope="rowgroup" colSpan={columns}>
        <span className="group-label">{t('departments.group', { label, count: group.size })}</span>
      </th>
    </tr>
  );
}

/** How many rows are shown, and the buttons that show more. */
export function ShowMore({ table }: { table: DepartmentTable }) {
  const { t } = useI18n();
  const left = table.total - table.shown;
  return (
    <div className="show-more">
      <p className="muted" role="status" aria-live="polite">
        {t('departments.shown', { shown: table.shown, total: table.total })}
      </p>
      {left > 0 && (
        <div className="show-more-actions no-print">
          <button type="button" className="btn btn-small" onClick={table.showMore}>
            {t('departments.showMore', { count: Math.min(left, table.pageSize) })}
          </button>
          <button type="button" className="btn btn-small" onClick={table.showAll}>
            {t('departments.showAll', { total: table.total })}
          </button>
        </div>
      )}
    </div>
  );
}

export function NoMatch({ table }: { table: DepartmentTable }) {
  const { t } = useI18n();
  return <p className="muted empty">{t('departments.noMatch', { query: table.query.trim() })}</p>;
}
