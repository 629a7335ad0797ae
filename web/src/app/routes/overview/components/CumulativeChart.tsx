import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '@/lib/i18n/i18n';
import { type KpiPeriod } from '@/lib/api/kpis';
import type { SpendTotals } from '@/features/budget/api/get-budget';
import { formatCurrency, formatNumber, formatPeriod } from '@/lib/format';
import { series } from '@/components/heat';
import { ChartTable } from '@/components/ChartTable';

/**
 * Running totals over the range shown: hours saved, their value at the hourly cost and, for the
 * roles that may read the budget (`spend` given: the API's spend per period of the same grain and
 * range, with its running total), what was spent up to the end of each period.
 */
export function CumulativeChart({ periods, currency, spend }: { periods: KpiPeriod[]; currency: string; spend?: SpendTotals }) {
  const { t, locale } = useI18n();
  const spentBy = new Map((spend?.rows ?? []).map((r) => [r.key, r.cumulative]));
  const data: { label: string; hours: number; value: number; spent: number | undefined }[] = [];
  for (const p of periods) {
    const before = data[data.length - 1];
    data.push({
      label: formatPeriod(p.period, locale),
      hours: (before?.hours ?? 0) + (p.impact.hoursSaved ?? 0),
      value: (before?.value ?? 0) + (p.impact.valueSaved ?? 0),
      spent: spend ? (spentBy.get(p.period) ?? before?.spent ?? 0) : undefined,
    });
  }
  const h = (v: number) => t('kpi.hoursUnit', { n: formatNumber(v, locale) });
  const money = (v: number) => formatCurrency(v, locale, currency);
  return (
    <>
      <div style={{ width: '100%', height: 260 }} aria-hidden="true">
        <ResponsiveContainer>
          <ComposedChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
            <CartesianGrid stroke="#e6e9ec" />
            <XAxis dataKey="label" tick={{ fontSize: 12 }} minTickGap={16} />
            <YAxis yAxisId="h" tickFormatter={(v: number) => formatNumber(v, locale)} tick={{ fontSize: 12 }} width={56} />
            <YAxis yAxisId="v" orientation="right" tickFormatter={(v: number) => formatCurrency(v, locale, currency)} tick={{ fontSize: 12 }} width={80} />
            <Tooltip formatter={(v: unknown, name: unknown) => (name === t('overview.cumulativeHours') ? h(Number(v)) : money(Number(v)))} />
            <Legend />
            <Area isAnimationActive={false} yAxisId="h" type="monotone" dataKey="hours" name={t('overview.cumulativeHours')} stroke={series.green} fill={series.green} fillOpacity={0.2} />
            <Line isAnimationActive={false} yAxisId="v" type="monotone" dataKey="value" name={t('overview.cumulativeValue')} stroke={series.purple} strokeWidth={2} strokeDasharray="4 3" dot={false} />
            {spend && (
              <Line isAnimationActive={false} yAxisId="v" type="stepAfter" dataKey="spent" name={t('overview.cumulativeSpend')} stroke={series.orange} strokeWidth={2} dot={false} />
            )}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <ChartTable
        caption={t('overview.cumulative')}
        headers={[t('grain.label'), t('overview.cumulativeHours'), t('overview.cumulativeValue'), ...(spend ? [t('overview.cumulativeSpend')] : [])]}
        rows={data.map((d) => [d.label, h(d.hours), money(d.value), ...(spend ? [money(d.spent ?? 0)] : [])])}
      />
    </>
  );
}
