import { memo, useMemo } from 'react';
import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { useCurrentUser } from '@/lib/auth/current-user';
import { can } from '@/lib/auth/access';
import { formatNumber, formatPercent } from '@/lib/format';
import { Card, Empty, PageHeader, QueryView } from '@/components/ui';
import { Trend } from '@/components/Trend';
import { heatmapSeries, useDepartmentHeatmap, type DepartmentHeatmapResponse } from '@/lib/api/kpis';
import { defaultRange } from '@/lib/kpi-range';
import { useWaves, type Wave } from '@/lib/api/waves';
import { useDepartments, type Department } from '@/lib/api/departments';
import type { DepartmentRow } from '@/features/departments/components/department-rows';
import { DepartmentTableControls, GroupHeading, NoMatch, ShowMore, SortHeader, useDepartmentTable } from '@/features/departments/components/DepartmentTableTools';

/** Rows of the list shown at first, and added by each "show more". */
export const DEPARTMENTS_PAGE_SIZE = 50;

export default function DepartmentsRoute() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const departments = useDepartments();
  // The latest month's depth and trend beside each department, when KPIs are available: the
  // heatmap's compact read holds all the list shows.
  const kpis = useDepartmentHeatmap(defaultRange('month'));
  const waves = useWaves(can.readWaves(me));
  return (
    <>
      <PageHeader title={t('departments.title')} intro={t('departments.intro')} />
      <Card>
        <QueryView query={departments}>{(items) => (items.length === 0 ? <Empty /> : <DepartmentsTable items={items} kpis={kpis.data} waves={waves.data} />)}</QueryView>
      </Card>
    </>
  );
}

function DepartmentsTable({ items, kpis, waves }: { items: Department[]; kpis: DepartmentHeatmapResponse | undefined; waves: Wave[] | undefined }) {
  const { t } = useI18n();
  const rows = useMemo<DepartmentRow[]>(() => {
    const periods = new Map((kpis ? heatmapSeries(kpis) : []).map((d) => [d.code, d.periods] as const));
    return items.map((d) => {
      const ps = periods.get(d.code) ?? [];
      return { code: d.code, name: d.name, headcount: d.headcount, latest: ps[ps.length - 1], periods: ps };
    });
  }, [items, kpis]);
  const table = useDepartmentTable(rows, { pageSize: DEPARTMENTS_PAGE_SIZE, waves, key: 'departments' });
  return (
    <>
      <DepartmentTableControls table={table} idPrefix="departments" />
      {table.total === 0 ? (
        <NoMatch table={table} />
      ) : (
        <div className="table-wrap">
          <table data-testid="departments-table" data-departments={items.length}>
            <caption className="sr-only">{t('departments.title')}</caption>
            <thead>
              <tr>
                <SortHeader table={table} sortKey="code" label={t('common.code')} />
                <SortHeader table={table} sortKey="name" label={t('common.name')} />
                <SortHeader table={table} sortKey="headcount" label={t('departments.headcount')} className="num" />
                <SortHeader table={table} sortKey="depth" label={t('kpi.depth')} className="num" />
                <SortHeader table={table} sortKey="trend" label={t('kpi.sustainability')} />
              </tr>
            </thead>
            {table.groups.map((g) => (
              <tbody key={g.key}>
                <GroupHeading group={g} columns={5} />
                {g.rows.map((d) => (
                  <DepartmentListRow key={d.code} row={d} />
                ))}
              </tbody>
            ))}
          </table>
        </div>
      )}
      <ShowMore table={table} />
    </>
  );
}

/** Memoised: sorting and paging move rows, they need not draw them again. */
const DepartmentListRow = memo(function DepartmentListRow({ row: d }: { row: DepartmentRow }) {
  const { t, locale } = useI18n();
  return (
    <tr>
      <td>
        <code>{d.code}</code>
      </td>
      <td>
        <Link to={`/departments/${encodeURIComponent(d.code)}`}>{d.name}</Link>
      </td>
      <td className="num">{formatNumber(d.headcount, locale)}</td>
      <td className="num">{d.latest?.suppressed ? <span className="muted">{t('common.suppressed')}</span> : formatPercent(d.latest?.depth, locale)}</td>
      <td>{d.latest?.suppressed ? null : <Trend trend={d.latest?.trend} />}</td>
    </tr>
  );
});
