import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { useI18n } from '@/lib/i18n/i18n';
import { type Alert } from '@/features/alerts/api/get-alerts';
import { formatDate } from '@/lib/format';
import { Badge, Empty } from '@/components/ui';
import { ErrorView } from '@/components/ErrorView';
import { useAcknowledgeAlert } from '@/features/alerts/api/get-alerts';
import { alertDetail, alertTitle } from '@/features/alerts/alert-title';

/** Open alerts listed at first: at a few hundred departments, declining ones alone can fill the page. */
export const ALERTS_SHOWN = 8;

const tone = (s: Alert['severity']) => (s === 'critical' ? 'bad' : s === 'warning' ? 'warn' : 'info');

export function AlertsPanel({ alerts, canAcknowledge }: { alerts: Alert[]; canAcknowledge: boolean }) {
  const { t, tx, locale } = useI18n();
  const ack = useAcknowledgeAlert();
  const [all, setAll] = useState(false);
  const open = alerts.filter((a) => !a.acknowledgedAt);
  const shown = all ? open : open.slice(0, ALERTS_SHOWN);
  // A printout has no button to press: it lists every open alert.
  useEffect(() => {
    const showAll = () => flushSync(() => setAll(true));
    window.addEventListener('beforeprint', showAll);
    return () => window.removeEventListener('beforeprint', showAll);
  }, []);
  if (open.length === 0) return <Empty>{t('overview.noAlerts')}</Empty>;
  return (
    <>
      {ack.isError && <ErrorView error={ack.error} compact />}
      <ul className="alerts" data-testid="alerts">
        {shown.map((a) => (
          <li key={String(a.id)}>
            <Badge tone={tone(a.severity)}>{tx(`alert.severity.${a.severity}`, a.severity)}</Badge>{' '}
            <span title={alertDetail(a, tx, locale)}>{alertTitle(a, tx, locale)}</span>{' '}
            <span className="muted">{formatDate(a.raisedAt, locale)}</span>
            {canAcknowledge && (
              <button type="button" className="btn btn-small no-print" disabled={ack.isPending} onClick={() => ack.mutate(a.id)}>
                {t('alert.acknowledge')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {shown.length < open.length && (
        <button type="button" className="btn btn-small no-print" onClick={() => setAll(true)}>
          {t('overview.alertsMore', { count: open.length - shown.length })}
        </button>
      )}
    </>
  );
}
