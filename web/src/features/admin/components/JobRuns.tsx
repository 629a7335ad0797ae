import { useState } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { formatDateTime, formatNumber } from '@/lib/format';
import { type JobRun } from '@/lib/api/job-runs';
import { Empty, QueryView } from '@/components/ui';
import { ErrorView } from '@/components/ErrorView';
import { useJobRun, useJobRuns, useRecompute } from '@/lib/api/job-runs';
import { JobStatusBadge } from '@/components/JobStatusBadge';

export function JobRuns() {
  const { t, locale } = useI18n();
  const runs = useJobRuns();
  const recompute = useRecompute();
  const [runId, setRunId] = useState<string | null>(null);
  const live = useJobRun(runId);

  return (
    <>
      <div className="form-row">
        <button
          type="button"
          className="btn btn-primary"
          disabled={recompute.isPending || (live.data != null && (live.data.status === 'queued' || live.data.status === 'running'))}
          onClick={() => recompute.mutate(undefined, { onSuccess: (r) => setRunId(r.runId) })}
        >
          {t('admin.recompute')}
        </button>
        <div aria-live="polite" data-testid="live-run">
          {runId && (
            <span>
              {t('admin.recomputeQueued', { id: runId })} {live.data && <JobStatusBadge status={live.data.status} />}
              {live.data?.error && <span className="field-error"> {live.data.error}</span>}
            </span>
          )}
        </div>
      </div>
      {recompute.isError && <ErrorView error={recompute.error} compact />}
      {live.data && (live.data.status === 'queued' || live.data.status === 'running') && (
        <div className="progress" aria-hidden="true" style={{ marginTop: '0.5rem' }}>
          <span style={{ width: live.data.status === 'running' ? '60%' : '15%', transition: 'width 1s' }} />
        </div>
      )}
      <QueryView query={runs} compact>
        {(items) => (items.length === 0 ? <Empty /> : <RunsTable runs={items} locale={locale} />)}
      </QueryView>
    </>
  );
}

function RunsTable({ runs, locale }: { runs: JobRun[]; locale: 'fr-FR' | 'en-GB' }) {
  const { t, tx } = useI18n();
  return (
    <div className="table-wrap" style={{ marginTop: '0.75rem' }}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('admin.job')}</th>
            <th scope="col">{t('common.status')}</th>
            <th scope="col">{t('admin.started')}</th>
            <th scope="col">{t('admin.finished')}</th>
            <th scope="col" className="num">
              {t('admin.duration')}
            </th>
            <th scope="col">{t('admin.error')}</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.runId}>
              <td>
                {r.job} <span className="muted kpi-sub">{r.runId}</span>
                {(r.reason || r.requestedBy) && (
                  <div className="muted kpi-sub">{[r.reason && tx(`jobReason.${r.reason}`, r.reason), r.requestedBy, r.mode].filter(Boolean).join(' · ')}</div>
                )}
              </td>
              <td>
                <JobStatusBadge status={r.status} />
              </td>
              <td>{formatDateTime(r.startedAt, locale)}</td>
              <td>{formatDateTime(r.finishedAt, locale)}</td>
              <td className="num">{duration(r.startedAt, r.finishedAt, locale)}</td>
              <td>{r.error ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Seconds from start to finish, one decimal ("0,4 s"); a dash while running or never started. */
function duration(startedAt: string | null | undefined, finishedAt: string | null | undefined, locale: 'fr-FR' | 'en-GB'): string {
  if (!startedAt || !finishedAt) return '–';
  const seconds = (Date.parse(finishedAt) - Date.parse(startedAt)) / 1000;
  return Number.isFinite(seconds) ? `${formatNumber(Math.max(seconds, 0), locale, 1)} s` : '–';
}
