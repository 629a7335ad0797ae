import { useI18n } from '@/lib/i18n/i18n';
import { formatDate, formatDateTime } from '@/lib/format';
import { Badge } from '@/components/ui';
import { ErrorView } from '@/components/ErrorView';
import { useConfirmReadinessItem, type WaveReadiness } from '@/lib/api/waves';
import { subjectLabel, waveMessage } from './wave-message';

/** The readiness checklist, item by item: what the data say, what is missing, and confirmations a person must give. */
export function ReadinessChecklist({ waveCode, readiness, canConfirm }: { waveCode: string; readiness: WaveReadiness; canConfirm: boolean }) {
  const { t, tx, locale } = useI18n();
  const confirm = useConfirmReadinessItem(waveCode);
  const r = readiness;
  return (
    <>
      <p>
        <Badge tone={r.ready ? 'good' : 'warn'}>{r.ready ? t('waves.ready') : t('waves.notReady')}</Badge>{' '}
        {t('readiness.summary', { ok: r.metCount, total: r.itemCount })}
        {r.pendingConfirmations > 0 && <> · {t('readiness.pending', { n: r.pendingConfirmations })}</>}
        <span className="muted kpi-sub"> · {formatDate(r.asOf, locale)}</span>
      </p>
      {confirm.isError && <ErrorView error={confirm.error} compact />}
      <ol className="checklist" data-testid="readiness">
        {[...r.items]
          .sort((a, b) => a.number - b.number)
          .map((i) => (
            <li key={i.key}>
              <span aria-hidden="true" style={{ color: i.met ? '#00573f' : '#8a3200', fontWeight: 700, minWidth: '1rem' }}>
                {i.met ? '✓' : '✗'}
              </span>
              <div>
                <span className="sr-only">{i.met ? t('waves.ready') : t('waves.notReady')} — </span>
                <strong>{tx(`readiness.${i.key}`, i.key)}</strong>
                <div className="muted kpi-sub">{waveMessage(i, tx, locale)}</div>
                {i.gaps.length > 0 && (
                  <ul className="kpi-sub">
                    {i.gaps.slice(0, 8).map((g, k) => (
                      <li key={k}>
                        <code>{subjectLabel(g.subject, tx)}</code> {waveMessage(g, tx, locale)}
                      </li>
                    ))}
                    {i.gaps.length > 8 && <li>…</li>}
                  </ul>
                )}
                {i.confirmation && (
                  <div className="kpi-sub">
                    <Badge tone="good">{t('readiness.confirmed', { name: i.confirmation.confirmedBy, date: formatDateTime(i.confirmation.confirmedAt, locale) })}</Badge>
                  </div>
                )}
                {i.needsConfirmation && (
                  <div className="kpi-sub">
                    <Badge tone="warn">{t('readiness.needsConfirmation')}</Badge>{' '}
                    {canConfirm && (
                      <button type="button" className="btn btn-small" disabled={confirm.isPending} onClick={() => confirm.mutate({ item: i.key })}>
                        {t('readiness.confirm')}
                      </button>
                    )}
                  </div>
                )}
              </div>
            </li>
          ))}
      </ol>
    </>
  );
}
