import { useI18n } from '@/lib/i18n/i18n';
import { type KpiPeriod } from '@/lib/api/kpis';
import { formatCurrency, formatNumber, formatPercent, formatPeriod, formatPointsChange, formatSignedNumber } from '@/lib/format';
import { lastCompleteIndex } from '@/lib/kpi-range';
import { KpiCard } from '@/components/KpiCard';
import { Trend } from '@/components/Trend';
import { PartialPeriodNote } from '@/components/PartialPeriodNote';

function direction(d: number | null): 'up' | 'down' | 'flat' {
  if (d == null || Math.abs(d) < 1e-9) return 'flat';
  return d > 0 ? 'up' : 'down';
}

const diff = (a: number | null | undefined, b: number | null | undefined) => (a == null || b == null ? null : a - b);

/** The five KPIs of the last period in range, with the change against the one before. */
export function KpiCards({ periods: all, currency }: { periods: KpiPeriod[]; currency: string }) {
  const { t, locale } = useI18n();
  // Headline figures are those of the last complete period; the sparklines stop there too.
  const periods = all.slice(0, lastCompleteIndex(all) + 1);
  const cur = periods[periods.length - 1];
  const prev = periods.length > 1 ? periods[periods.length - 2] : undefined;
  const vs = t('kpi.vsPrevious');
  const change = (d: number | null, text: string) => (prev ? { text, direction: direction(d), label: vs } : { text: t('kpi.noPrevious'), direction: 'flat' as const, label: '' });

  const dBreadth = diff(cur.breadth.ratio, prev?.breadth.ratio);
  const dDepth = diff(cur.depth.ratio, prev?.depth.ratio);
  const dDiv = diff(cur.diversity.useCasesInUse, prev?.diversity.useCasesInUse);
  const dHours = diff(cur.impact.hoursSaved, prev?.impact.hoursSaved);
  const slope = cur.sustainability.slope;

  return (
    <>
    <p className="muted kpi-sub" data-testid="kpi-period">
      {t('overview.latestPeriod', { period: formatPeriod(cur.period, locale) })}
    </p>
    <PartialPeriodNote period={cur} />
    <div className="grid grid-kpis">
      <KpiCard
        testId="kpi-breadth"
        title={t('kpi.breadth')}
        value={formatPercent(cur.breadth.ratio, locale)}
        sub={t('kpi.breadthHelp', { adopting: cur.breadth.adoptingDepartments, departments: cur.breadth.departments })}
        change={change(dBreadth, formatPointsChange(dBreadth, locale))}
        spark={periods.map((p) => p.breadth.ratio)}
      />
      <KpiCard
        testId="kpi-depth"
        title={t('kpi.depth')}
        value={formatPercent(cur.depth.ratio, locale)}
        sub={t('kpi.depthHelp', { active: formatNumber(cur.depth.activeEmployees, locale), headcount: formatNumber(cur.depth.headcount, locale) })}
        change={change(dDepth, formatPointsChange(dDepth, locale))}
        spark={periods.map((p) => p.depth.ratio)}
      />
      <KpiCard
        testId="kpi-diversity"
        title={t('kpi.diversity')}
        value={formatNumber(cur.diversity.useCasesInUse, locale)}
        sub={t('kpi.diversityHelp')}
        change={change(dDiv, formatSignedNumber(dDiv, locale))}
        spark={periods.map((p) => p.diversity.useCasesInUse)}
      />
      <KpiCard
        testId="kpi-impact"
        title={t('kpi.impact')}
        value={t('kpi.hoursUnit', { n: formatNumber(cur.impact.hoursSaved, locale) })}
        sub={
          <>
            {t('kpi.hoursSaved')}
            <br />
            {t('common.labelValue', { label: t('kpi.valueSaved'), value: formatCurrency(cur.impact.valueSaved, locale, currency) })}
            <br />
            {t('common.labelValue', { label: t('kpi.ticketsAvoided'), value: formatNumber(cur.impact.ticketsAvoided, locale) })} ·{' '}
            {t('common.labelValue', { label: t('kpi.employeesHelped'), value: formatNumber(cur.impact.employeesHelped, locale) })}
          </>
        }
        change={change(dHours, t('kpi.hoursUnit', { n: formatSignedNumber(dHours, locale) }))}
        spark={periods.map((p) => p.impact.hoursSaved)}
      />
      <KpiCard
        testId="kpi-sustainability"
        title={t('kpi.sustainability')}
        value={<Trend trend={cur.sustainability.trend} />}
        sub={slope == null ? undefined : t('kpi.sustainabilityHelp', { slope: formatPercent(slope, locale, 1) })}
        spark={periods.map((p) => p.depth.activeEmployees)}
        footer={t('kpi.activeEmployees')}
      />
    </div>
    </>
  );
}
