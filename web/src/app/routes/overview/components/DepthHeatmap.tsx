import { memo, useEffect, useMemo, useRef } from 'react';
import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { heatmapSeries, type DepartmentHeatmapResponse, type DepthFigures } from '@/lib/api/kpis';
import type { Wave } from '@/lib/api/waves';
import { formatPercent, formatPeriod, type Locale } from '@/lib/format';
import { heatColour, heatLegend } from '@/components/heat';
import { Trend } from '@/components/Trend';
import { Empty } from '@/components/ui';
import type { DepartmentRow } from '@/features/departments/components/department-rows';
import { DepartmentTableControls, GroupHeading, NoMatch, ShowMore, SortHeader, useDepartmentTable } from '@/features/departments/components/DepartmentTableTools';

/** Rows of the heatmap shown at first, and added by each "show more": about a screenful. */
export const HEATMAP_PAGE_SIZE = 25;

/**
 * Depth by department × period. A suppressed cell reads "suppressed", never 0.
 * With a few hundred departments the reader searches, sorts by any column, groups by wave or
 * depth band, and sees a page of rows at a time. `data-departments` on the table says how many
 * departments the answer holds, whatever the page shows.
 */
export function DepthHeatmap({ data, search, waves }: { data: DepartmentHeatmapResponse; search: string; waves?: Wave[] }) {
  const { t, locale } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const periods = useMemo(() => data.periods.map((p) => p.period), [data]);
  // Each column's label once, not once per cell: a month's label builds an Intl formatter.
  const labels = useMemo(() => new Map(periods.map((p) => [p, formatPeriod(p, locale)])), [periods, locale]);
  const rows = useMemo<DepartmentRow[]>(
    () =>
      heatmapSeries(data).map((d) => {
        const latest = d.periods[d.periods.length - 1];
        return { code: d.code, name: d.name, headcount: latest?.headcount ?? null, latest, periods: d.periods };
      }),
    [data],
  );
  const table = useDepartmentTable(rows, { pageSize: HEATMAP_PAGE_SIZE, waves, key: 'heatmap' });
  // Open on the most recent periods; older ones are a scroll to the left.
  useEffect(() => {
    const el = scroller.current;
    if (el) el.scrollLeft = el.scrollWidth;
  }, [periods.length]);
  if (data.departments.length === 0 || periods.length === 0) return <Empty />;
  const columns = periods.length + 2;
  return (
    <>
      <p className="muted" id="heatmap-caption">
        {t('overview.heatmapCaption')}
      </p>
      <DepartmentTableControls table={table} idPrefix="heatmap" />
      {table.total === 0 && <NoMatch table={table} />}
      <div className="table-wrap" ref={scroller} hidden={table.total === 0}>
        <table className="heatmap" data-testid="depth-heatmap" data-departments={data.departments.length} aria-describedby="heatmap-caption">
          <thead>
            <tr>
              <SortHeader table={table} sortKey="name" label={t('common.department')} />
              {periods.map((p) => (
                <SortHeader key={p} table={table} sortKey={`period:${p}`} label={labels.get(p)} className="num" />
              ))}
              <SortHeader table={table} sortKey="trend" label={t('kpi.sustainability')} />
            </tr>
          </thead>
          {table.groups.map((g) => (
            <tbody key={g.key}>
              <GroupHeading group={g} columns={columns} />
              {g.rows.map((d) => (
                <HeatmapRow key={d.code} row={d} search={search} labels={labels} />
              ))}
            </tbody>
          ))}
        </table>
      </div>
      <ShowMore table={table} />
      <div className="legend" aria-hidden="true">
        {heatLegend.map((v) => (
          <span key={v}>
            <span className="legend-swatch" style={{ background: heatColour(v).background }} />
            {formatPercent(v, locale, 0)}
          </span>
        ))}
        <span>
          <span className="legend-swatch" style={{ background: 'repeating-linear-gradient(45deg,#ddd,#ddd 3px,#fff 3px,#fff 6px)' }} />
          {t('common.suppressed')}
        </span>
      </div>
    </>
  );
}

/** Memoised: sorting and paging move rows, they need not draw their cells again. */
const HeatmapRow = memo(function HeatmapRow({ row: d, search, labels }: { row: DepartmentRow; search: string; labels: Map<string, string> }) {
  const { t, locale } = useI18n();
  const last = d.latest;
  return (
    <tr>
      <th scope="row">
        <Link to={`/departments/${encodeURIComponent(d.code)}${search}`} aria-label={t('departments.open', { name: d.name })}>
          {d.name}
        </Link>
      </th>
      {d.periods.map((p) => (
        <HeatmapCell key={p.period} name={d.name} label={labels.get(p.period) ?? p.period} p={p} locale={locale} />
      ))}
      <td>{last?.suppressed ? <span className="muted">{t('common.suppressed')}</span> : <Trend trend={last?.trend} />}</td>
    </tr>
  );
});

function HeatmapCell({ name, label, p, locale }: { name: string; label: string; p: DepthFigures; locale: Locale }) {
  const { t } = useI18n();
  if (p.suppressed)
    return (
      <td className="cell suppressed" title={t('common.suppressedHelp')}>
        {t('common.suppressed')}
      </td>
    );
  if (p.depth == null) return <td className="cell null">–</td>;
  const c = heatColour(p.depth);
  return (
    <td className="cell" style={c} title={`${name} · ${label} · ${p.activeEmployees ?? '–'}/${p.headcount ?? '–'}`}>
      {formatPercent(p.depth, locale, 0)}
    </td>
  );
}
