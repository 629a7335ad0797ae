import { useI18n } from '@/lib/i18n/i18n';
import { formatDate, formatPeriod, toIsoDate } from '@/lib/format';
import { periodCompleteness, type PartialReason } from '@/lib/periods';
import { useSources } from '@/lib/api/sources';

/**
 * Says that a period shown is not complete yet (today falls inside it, or a source's data stops
 * before its end), so that nobody reads its lower figures as a drop. Nothing when it is complete.
 */
export function PartialPeriodNote({ period, today }: { period: { period: string; start: string; end: string } | undefined; today?: string }) {
  const { t, tx, locale } = useI18n();
  const sources = useSources();
  if (!period) return null;
  const { complete, reasons } = periodCompleteness(period, today ?? toIsoDate(new Date()), sources.data ?? []);
  if (complete) return null;
  const why = (r: PartialReason) =>
    r.kind === 'today' ? t('period.partialToday', { end: formatDate(r.end, locale) }) : t('period.partialSource', { tool: tx(`source.short.${r.source}`, r.tool), date: formatDate(r.lastDate, locale) });
  return (
    <p className="muted kpi-sub partial-period" data-testid="partial-period">
      <span aria-hidden="true">◔ </span>
      {t('period.partial', { period: formatPeriod(period.period, locale), reasons: reasons.map(why).join(t('period.reasonSeparator')) })}
    </p>
  );
}
