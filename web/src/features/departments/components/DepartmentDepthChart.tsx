import { Bar, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '@/lib/i18n/i18n';
import { type DepartmentKpiPeriod } from '@/lib/api/kpis';
import { formatNumber, formatPercent, formatPeriod } from '@/lib/format';
import { series } from '@/components/heat';
import { ChartTable } from '@/components/ChartTable';

/** Depth (line) and active employees (bars) per period, against the wave's target depth. */
export function DepartmentDepthChart({ periods, target }: { periods: DepartmentKpiPeriod[]; target: number | null }) {
  const { t, locale } = useI18n();
  const data = periods.map((p) => ({
    label: formatPeriod(p.period, locale),
    depth: p.suppressed ? null : p.depth,
    active: p.suppressed ? null : p.activeEmployees,
    suppressed: p.suppressed,
    headcount: p.headcount,
  }));
  const pct = (v: number | null) => formatPercent(v, locale, 1);
  return (
    <>
      <div style={{ width: '100%', height: 280 }} aria-hidden="true">
        <ResponsiveContainer>
          <ComposedChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
            <CartesianGrid stroke="#e6e9ec" />
            <XAxis dataKey="label" tick={{ fontSize: 12 }} minTickGap={16} />
            <YAxis yAxisId="d" domain={[0, 1]} tickFormatter={(v: number) => formatPercent(v, locale, 0)} tick={{ fontSize: 12 }} width={48} />
            <YAxis yAxisId="a" orientation="right" allowDecimals={false} tick={{ fontSize: 12 }} width={40} />
            <Tooltip
              formatter={(v: unknown, name: unknown) => (name === t('kpi.depth') ? pct(typeof v === 'number' ? v : null) : formatNumber(Number(v), locale))}
            />
            <Legend />
            <Bar isAnimationActive={false} yAxisId="a" dataKey="active" name={t('kpi.activeEmployees')} fill={series.sky} />
            <Line isAnimationActive={false} yAxisId="d" type="monotone" dataKey="depth" name={t('kpi.depth')} stroke={series.blue} strokeWidth={2.5} dot connectNulls={false} />
            {target != null && (
              <ReferenceLine
                yAxisId="d"
                y={target}
                stroke={series.vermillion}
                strokeDasharray="6 4"
                label={{ value: `${t('department.target')} ${pct(target)}`, position: 'insideTopRight', fontSize: 12, fill: '#8a3200' }}
              />
            )}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <ChartTable
        caption={t('department.depthVsTarget')}
        headers={[t('common.period'), t('kpi.depth'), t('kpi.activeEmployees'), t('kpi.headcount')]}
        rows={data.map((d) => [
          d.label,
          d.suppressed ? t('common.suppressed') : pct(d.depth),
          d.suppressed ? t('common.suppressed') : formatNumber(d.active, locale),
          formatNumber(d.headcount, locale),
        ])}
      />
    </>
  );
}
