import { useI18n } from '@/lib/i18n/i18n';
import { formatNumber, formatPercent, formatPeriod } from '@/lib/format';
import { KpiCard } from '@/components/KpiCard';
import { Trend } from '@/components/Trend';
import { Empty, QueryView } from '@/components/ui';
import { useDepartmentKpis } from '@/lib/api/kpis';
import { defaultRange, lastCompleteIndex } from '@/lib/kpi-range';
import { PartialPeriodNote } from '@/components/PartialPeriodNote';

/** The champion's department at a glance: the last complete week's depth, trend, hours saved and use cases in use. */
export function DepartmentFigures({ departmentCode }: { departmentCode: string }) {
  const { t, locale } = useI18n();
  const kpis = useDepartmentKpis(defaultRange('week'));
  return (
    <QueryView query={kpis} compact>
      {(data) => {
        const periods = data.departments.find((d) => d.code === departmentCode)?.periods ?? [];
        if (periods.length === 0) return <Empty>{t('overview.noData')}</Empty>;
        const index = lastCompleteIndex(periods);
        const last = periods[index];
        const spark = periods.slice(0, index + 1).map((p) => p.depth);
        return (
          <>
            <p className="muted">{t('championWs.figuresOf', { period: formatPeriod(last.period, locale) })}</p>
            <PartialPeriodNote period={last} />
            <div className="grid grid-kpis" data-testid="department-figures">
              <KpiCard
                title={t('kpi.depth')}
                value={last.suppressed ? t('common.suppressed') : formatPercent(last.depth, locale)}
                sub={last.suppressed ? undefined : t('kpi.depthHelp', { active: formatNumber(last.activeEmployees, locale), headcount: formatNumber(last.headcount, locale) })}
                spark={last.suppressed ? undefined : spark}
              />
              <KpiCard title={t('kpi.sustainability')} value={last.suppressed ? t('common.suppressed') : <Trend trend={last.trend} />} />
              <KpiCard title={t('kpi.hoursSaved')} value={t('kpi.hoursUnit', { n: formatNumber(last.hoursSaved, locale) })} />
              <KpiCard title={t('kpi.useCasesInUse')} value={formatNumber(last.useCasesInUse, locale)} />
            </div>
          </>
        );
      }}
    </QueryView>
  );
}
