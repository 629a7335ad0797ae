import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useI18n } from '@/lib/i18n/i18n';
import { formatDate, formatDateTime, formatNumber } from '@/lib/format';
import { type CollectorState } from '@/lib/api/sources';
import { Badge, Empty } from '@/components/ui';
import { ErrorView } from '@/components/ErrorView';
import { useJobRun } from '@/lib/api/job-runs';
import { JobStatusBadge } from '@/components/JobStatusBadge';
import { useRunCollector } from '@/lib/api/sources';

/** A run's error in plain words: the common causes named, the raw text kept for whoever fixes it. */
export function plainError(error: string): { key: 'collectors.err.auth' | 'collectors.err.rate' | 'collectors.err.network' | 'collectors.err.shape' | null; raw: string } {
  const e = error.toLowerCase();
  if (/\b401\b|\b403\b|unauthori[sz]ed|forbidden|credential|token|secret|certificate/.test(e)) return { key: 'collectors.err.auth', raw: error };
  if (/\b429\b|rate limit|too many requests|retry-after/.test(e)) return { key: 'collectors.err.rate', raw: error };
  if (/timed? ?out|timeout|connection|dns|unreachable|name or service|refused|socket/.test(e)) return { key: 'collectors.err.network', raw: error };
  if (/shape|unexpected|json|schema|missing (field|column|property)/.test(e)) return { key: 'collectors.err.shape', raw: error };
  return { key: null, raw: error };
}

function PlainError({ error }: { error: string }) {
  const { t } = useI18n();
  const { key, raw } = plainError(error);
  return (
    <div className="field-error">
      {key && <p>{t(key)}</p>}
      <p className="kpi-sub">
        <code>{raw}</code>
      </p>
    </div>
  );
}

/** The vendors' APIs read on a schedule: each collector's state, and "collect now" followed to its end. */
export function Collectors({ collectors }: { collectors: CollectorState[] }) {
  const { t } = useI18n();
  if (collectors.length === 0) return <Empty />;
  return (
    <div className="table-wrap">
      <table data-testid="collectors">
        <caption className="sr-only">{t('collectors.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('collectors.name')}</th>
            <th scope="col">{t('common.status')}</th>
            <th scope="col">{t('collectors.schedule')}</th>
            <th scope="col">{t('collectors.lastRun')}</th>
            <th scope="col">{t('collectors.daysHeld')}</th>
            <th scope="col">{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {collectors.map((c) => (
            <CollectorRow key={c.name} collector={c} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CollectorRow({ collector: c }: { collector: CollectorState }) {
  const { t, tx, locale } = useI18n();
  const qc = useQueryClient();
  const run = useRunCollector();
  const [runId, setRunId] = useState<string | null>(null);
  const live = useJobRun(runId);
  const status = live.data?.status;
  const busy = run.isPending || status === 'queued' || status === 'running';
  useEffect(() => {
    if (status === 'succeeded' || status === 'failed') {
      void qc.invalidateQueries({ queryKey: ['collectors'] });
      void qc.invalidateQueries({ queryKey: ['sources'] });
    }
  }, [status, qc]);
  const state = !c.configured ? (
    <Badge>{t('collectors.notConfigured')}</Badge>
  ) : c.enabled ? (
    <Badge tone="good">{t('collectors.enabled')}</Badge>
  ) : (
    <Badge tone="warn">{t('collectors.disabled')}</Badge>
  );
  const lastError = c.lastError ?? (c.lastRun?.status === 'failed' ? c.lastRun.error : null);
  return (
    <tr>
      <th scope="row">
        {tx(`collector.${c.name}`, c.name)}
        <div className="muted kpi-sub">{tx(`source.label.${c.source}`, c.source)}</div>
      </th>
      <td>{state}</td>
      <td>
        {c.schedule ? <code>{c.schedule}</code> : '–'}
        {c.nextRunAt && <div className="muted kpi-sub">{t('collectors.nextRun', { time: formatDateTime(c.nextRunAt, locale, 'short') })}</div>}
      </td>
      <td>
        {c.lastRun ? (
          <>
            <JobStatusBadge status={c.lastRun.status} /> <span className="kpi-sub">{formatDateTime(c.lastRun.finishedAt ?? c.lastRun.startedAt, locale, 'short')}</span>
          </>
        ) : (
          <span className="muted">{t('collectors.neverRun')}</span>
        )}
        {lastError && <PlainError error={lastError} />}
      </td>
      <td>
        {c.daysHeld.days > 0
          ? t('collectors.days', { n: formatNumber(c.daysHeld.days, locale), first: formatDate(c.daysHeld.firstDate, locale), last: formatDate(c.daysHeld.lastDate, locale) })
          : '–'}
      </td>
      <td>
        <button
          type="button"
          className="btn btn-small"
          disabled={!c.configured || busy}
          aria-label={t('collectors.collectNowFor', { name: tx(`collector.${c.name}`, c.name) })}
          onClick={() => run.mutate(c.name, { onSuccess: (r) => setRunId(r.runId) })}
        >
          {t('collectors.collectNow')}
        </button>
        <div aria-live="polite" data-testid={`collector-run-${c.name}`}>
          {runId && live.data && (
            <span className="kpi-sub">
              <JobStatusBadge status={live.data.status} />
              {live.data.error && <PlainError error={live.data.error} />}
            </span>
          )}
        </div>
        {run.isError && <ErrorView error={run.error} compact />}
      </td>
    </tr>
  );
}
