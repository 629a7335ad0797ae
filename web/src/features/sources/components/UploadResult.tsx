import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { formatDate, formatNumber } from '@/lib/format';
import { type SourceImportResult, type SourceName } from '@/lib/api/sources';
import { LineTable } from '@/components/ImportErrors';
import { sourceInfo } from '@/lib/api/sources';

/** Where to fix an unmatched identifier: the identities page, filtered on the source's system, ready to add it. */
export const identityLink = (source: SourceName, externalId?: string) => {
  const p = new URLSearchParams({ tab: 'identities', system: sourceInfo[source].system });
  if (externalId) p.set('externalId', externalId);
  return `/admin?${p.toString()}`;
};

/** What an import of a source file did (or, in a dry run, would do). */
export function UploadResult({ source, result }: { source: SourceName; result: SourceImportResult }) {
  const { t, locale } = useI18n();
  const n = (v: number) => formatNumber(v, locale);
  const dry = result.dryRun;
  return (
    <div className={`notice ${dry ? '' : 'notice-ok'}`} role="status" data-testid="source-result">
      <strong>{dry ? t('import.preview') : t('import.done')}</strong>
      <p>{t(dry ? 'sources.eventsDry' : 'sources.events', { inserted: n(result.inserted), updated: n(result.updated), unchanged: n(result.unchanged) })}</p>
      <p>
        {t('sources.rows', { rowsRead: n(result.rowsRead), skipped: n(result.skipped) })}
        {result.firstDate && result.lastDate && <> · {t('sources.dates', { first: formatDate(result.firstDate, locale), last: formatDate(result.lastDate, locale) })}</>}
      </p>
      {result.unmatchedUsers > 0 ? (
        <div className="notice notice-warn" data-testid="unmatched">
          <strong>{result.unmatchedUsers === 1 ? t('sources.unmatchedOne') : t('sources.unmatched', { n: n(result.unmatchedUsers) })}</strong>
          <p>{t('sources.unmatchedHelp', { system: sourceInfo[source].system })}</p>
          {result.unmatchedSample.length > 0 && (
            <>
              <p className="kpi-sub">{t('sources.unmatchedSample', { shown: n(result.unmatchedSample.length), n: n(result.unmatchedUsers) })}</p>
              <ul className="unmatched-sample">
                {result.unmatchedSample.map((id) => (
                  <li key={id}>
                    <code>{id}</code>{' '}
                    <Link to={identityLink(source, id)} aria-label={t('sources.addIdentityFor', { id })}>
                      {t('sources.addIdentity')}
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          )}
          <p>
            <Link to={identityLink(source)}>{t('sources.fixIdentities')}</Link>
          </p>
        </div>
      ) : (
        <p className="muted">{t('sources.allMatched')}</p>
      )}
      {result.warnings?.length > 0 && <LineTable caption={t('import.warnings')} rows={result.warnings} />}
    </div>
  );
}
