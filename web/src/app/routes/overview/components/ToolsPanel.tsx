import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '@/lib/i18n/i18n';
import { type ToolsKpis, type ToolsPeriod } from '@/lib/api/kpis';
import { formatNumber, formatPercent, formatPeriod } from '@/lib/format';
import { series } from '@/components/heat';
import { ChartTable } from '@/components/ChartTable';
import { Empty } from '@/components/ui';
import { lastCompleteIndex } from '@/lib/kpi-range';
import { PartialPeriodNote } from '@/components/PartialPeriodNote';

const palette = [series.blue, series.orange, series.green, series.vermillion, series.sky, series.purple];
const dashes = [undefined, '6 3', '2 2', '8 3 2 3', '4 4', '1 3'];

/**
 * The share of active employees who used two tools or more in a period: multiToolEmployees over
 * the active employees of the same scope and period (from /kpis). Null when either is unknown or
 * nobody was active.
 */
export function multiToolShare(period: Pick<ToolsPeriod, 'multiToolEmployees' | 'suppressed'>, activeEmployees: number | null | undefined): number | null {
  if (period.suppressed || period.multiToolEmployees == null || activeEmployees == null || activeEmployees <= 0) return null;
  return period.multiToolEmployees / activeEmployees;
}

/** The tools named in any period, in the API's order (by tool). */
const toolNames = (periods: ToolsPeriod[]) => [...new Set(periods.flatMap((p) => p.tools.map((x) => x.tool)))].sort((a, b) => a.localeCompare(b));

/**
 * Active employees by AI tool over the periods shown, one line per tool, and the share using two
 * tools or more. `activeOf` gives a period's active employees of the same scope (organisation or department).
 */
export function ToolsPanel({ data, activeOf, testId = 'tools-panel' }: { data: ToolsKpis; activeOf: (period: string) => number | null | undefined; testId?: string }) {
  const { t, locale } = useI18n();
  const tools = toolNames(data.periods);
  if (data.periods.length === 0 || tools.length === 0) return <Empty>{t('tools.none')}</Empty>;
  const key = (i: number) => `t${i}`;
  const rows = data.periods.map((p) => {
    const row: Record<string, string | number | null> = { label: formatPeriod(p.period, locale) };
    tools.forEach((name, i) => {
      row[key(i)] = p.suppressed ? null : (p.tools.find((x) => x.tool === name)?.activeEmployees ?? 0);
    });
    return row;
  });
  const index = lastCompleteIndex(data.periods);
  const last = data.periods[index];
  const share = multiToolShare(last, activeOf(last.period));
  const n = (v: unknown) => formatNumber(typeof v === 'number' ? v : null, locale);
  const suppressed = t('common.suppressed');
  return (
    <div data-testid={testId}>
      <p data-testid="multi-tool-share">
        <span className="muted">{formatPeriod(last.period, locale)} · </span>
        {last.suppressed ? (
          <span className="muted">{suppressed}</span>
        ) : (
          <>
            <strong>{formatPercent(share, locale, 0)}</strong> {t('tools.multiShare', { n: formatNumber(last.multiToolEmployees, locale) })}
          </>
        )}
      </p>
      <PartialPeriodNote period={last} />
      <div style={{ width: '100%', height: 240 }} aria-hidden="true">
        <ResponsiveContainer>
          <LineChart accessibilityLayer={false} data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid stroke="#e6e9ec" />
            <XAxis dataKey="label" tick={{ fontSize: 12 }} minTickGap={16} />
            <YAxis allowDecimals={false} tickFormatter={(v: number) => formatNumber(v, locale)} tick={{ fontSize: 12 }} width={48} />
            <Tooltip formatter={n} />
            <Legend />
            {tools.map((name, i) => (
              <Line
                key={name}
                isAnimationActive={false}
                type="linear"
                dataKey={key(i)}
                name={name}
                stroke={palette[i % palette.length]}
                strokeDasharray={dashes[i % dashes.length]}
                strokeWidth={2}
                dot={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <ChartTable
        caption={t('tools.caption')}
        headers={[t('grain.label'), ...tools, t('tools.multiShareHeader')]}
        rows={data.periods.map((p, r) => [
          formatPeriod(p.period, locale),
          ...tools.map((_, i) => (p.suppressed ? suppressed : n(rows[r][key(i)]))),
          p.suppressed ? suppressed : formatPercent(multiToolShare(p, activeOf(p.period)), locale, 0),
        ])}
      />
    </div>
  );
}
