import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '@/lib/i18n/i18n';
import { type KpiPeriod } from '@/lib/api/kpis';
import { formatPercent, formatPeriod } from '@/lib/format';
import { series } from '@/components/heat';
import { ChartTable } from '@/components/ChartTable';

export function BreadthDepthChart({ periods }: { periods: KpiPeriod[] }) {
  const { t, locale } = useI18n();
  const data = periods.map((p) => ({ label: formatPeriod(p.period, locale), breadth: p.breadth.ratio, depth: p.depth.ratio }));
  const pct = (v: unknown) => formatPercent(typeof v === 'number' ? v : null, locale, 1);
  return (
    <>
      <div style={{ width: '100%', height: 260 }} aria-hidden="true">
        <ResponsiveContainer>
          <LineChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid stroke="#e6e9ec" />
            <XAxis dataKey="label" tick={{ fontSize: 12 }} minTickGap={16} />
            <YAxis tickFormatter={(v: number) => formatPercent(v, locale, 0)} domain={[0, 1]} tick={{ fontSize: 12 }} width={48} />
            <Tooltip formatter={pct} />
            <Legend />
            <Line isAnimationActive={false} type="monotone" dataKey="breadth" name={t('kpi.breadth')} stroke={series.blue} strokeWidth={2} dot={false} connectNulls />
            <Line
              isAnimationActive={false}
              type="monotone"
              dataKey="depth"
              name={t('kpi.depth')}
              stroke={series.orange}
              strokeWidth={2}
              strokeDasharray="6 3"
              dot={false}
              connectNulls
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <ChartTable
        caption={t('overview.breadthDepth')}
        headers={[t('grain.label'), t('kpi.breadth'), t('kpi.depth')]}
        rows={data.map((d) => [d.label, pct(d.breadth), pct(d.depth)])}
      />
    </>
  );
}
