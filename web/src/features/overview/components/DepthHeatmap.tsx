import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { type DepartmentKpiResponse } from '@/features/kpis/api/get-kpis';
import { formatPercent, formatPeriod } from '@/lib/format';
import { heatColour, heatLegend } from '@/components/heat';
import { Trend } from '@/components/Trend';
import { Empty } from '@/components/ui';

/** Depth by department × period. A suppressed cell (SPEC §3 "Privacy") reads "suppressed", never 0. */
export function DepthHeatmap({ data, search }: { data: DepartmentKpiResponse; search: string }) {
  const { t, locale } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const periods = data.departments[0]?.periods.map((p) => p.period) ?? [];
  // Open on the most recent periods; older ones are a scroll to the left.
  useEffect(() => {
    const el = scroller.current;
    if (el) el.scrollLeft = el.scrollWidth;
  }, [periods.length]);
  if (data.departments.length === 0 || periods.length === 0) return <Empty />;
  return (
    <>
      <p className="muted" id="heatmap-caption">
        {t('overview.heatmapCaption')}
      </p>
      <div className="table-wrap" ref={scroller}>
        <table className="heatmap" data-testid="depth-heatmap" aria-describedby="heatmap-caption">
          <thead>
            <tr>
              <th scope="col">{t('common.department')}</th>
              {periods.map((p) => (
                <th scope="col" key={p} className="num">
                  {formatPeriod(p, locale)}
                </th>
              ))}
              <th scope="col">{t('kpi.sustainability')}</th>
            </tr>
          </thead>
          <tbody>
            {data.departments.map((d) => {
              const last = d.periods[d.periods.length - 1];
              return (
                <tr key={d.code}>
                  <th scope="row">
                    <Link to={`/departments/${encodeURIComponent(d.code)}${search}`} aria-label={t('departments.open', { name: d.name })}>
                      {d.name}
                    </Link>
                  </th>
                  {d.periods.map((p) => {
                    if (p.suppressed)
                      return (
                        <td key={p.period} className="cell suppressed" title={t('common.suppressedHelp')}>
                          {t('common.suppressed')}
                        </td>
                      );
                    if (p.depth == null)
                      return (
                        <td key={p.period} className="cell null">
                          –
                        </td>
                      );
                    const c = heatColour(p.depth);
                    return (
                      <td key={p.period} className="cell" style={c} title={`${d.name} · ${formatPeriod(p.period, locale)} · ${p.activeEmployees ?? '–'}/${p.headcount}`}>
                        {formatPercent(p.depth, locale, 0)}
                      </td>
                    );
                  })}
                  <td>{last?.suppressed ? <span className="muted">{t('common.suppressed')}</span> : <Trend trend={last?.trend} />}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
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
