import { useI18n } from '@/lib/i18n/i18n';
import { formatDate, formatDateTime, formatNumber, parseIsoDate, toIsoDate } from '@/lib/format';
import { type SourceFreshness } from '@/lib/api/sources';
import { Badge, Empty } from '@/components/ui';

/** Past this many days without new data, a source is flagged: the vendors publish within 72 hours. */
export const STALE_AFTER_DAYS = 7;

/** Whole days from a date to today (0 when it is today). */
export function ageInDays(lastDate: string, today: string): number {
  const a = parseIsoDate(lastDate);
  const b = parseIsoDate(today);
  if (!a || !b) return 0;
  return Math.round((b.getTime() - a.getTime()) / 86_400_000);
}

/** How fresh each source's data is: a warning when its latest data is more than a week old. */
export function FreshnessTable({ sources, today = toIsoDate(new Date()) }: { sources: SourceFreshness[]; today?: string }) {
  const { t, tx, locale } = useI18n();
  if (sources.length === 0) return <Empty>{t('sources.noneYet')}</Empty>;
  return (
    <div className="table-wrap">
      <table data-testid="freshness">
        <caption className="sr-only">{t('sources.freshness')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sources.tool')}</th>
            <th scope="col">{t('sources.firstDate')}</th>
            <th scope="col">{t('sources.lastDate')}</th>
            <th scope="col" className="num">
              {t('sources.age')}
            </th>
            <th scope="col">{t('sources.lastImport')}</th>
            <th scope="col" className="num">
              {t('sources.eventsHeld')}
            </th>
            <th scope="col" className="num">
              {t('sources.unmatchedUsers')}
            </th>
          </tr>
        </thead>
        <tbody>
          {sources.map((s) => {
            const age = s.lastDate ? ageInDays(s.lastDate, today) : null;
            const old = age != null && age > STALE_AFTER_DAYS;
            return (
              <tr key={s.source}>
                <th scope="row">
                  {s.tool}
                  <div className="muted kpi-sub">{tx(`source.export.${s.source}`, s.source)}</div>
                </th>
                <td>{formatDate(s.firstDate, locale)}</td>
                <td>{formatDate(s.lastDate, locale)}</td>
                <td className="num">
                  {age == null ? '–' : t('sources.days', { n: formatNumber(age, locale) })}{' '}
                  {old && <Badge tone="warn">{t('sources.staleBadge', { n: formatNumber(STALE_AFTER_DAYS, locale) })}</Badge>}
                </td>
                <td>{formatDateTime(s.lastImportAt, locale, 'short')}</td>
                <td className="num">{formatNumber(s.events, locale)}</td>
                <td className="num">{s.unmatchedUsers > 0 ? <Badge tone="warn">{formatNumber(s.unmatchedUsers, locale)}</Badge> : formatNumber(s.unmatchedUsers, locale)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
