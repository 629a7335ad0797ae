import { useI18n } from '@/lib/i18n/i18n';
import { type Alert } from '@/features/alerts/api/get-alerts';
import { formatDate } from '@/lib/format';
import { Badge, Empty } from '@/components/ui';
import { ErrorView } from '@/components/ErrorView';
import { useAcknowledgeAlert } from '@/features/alerts/api/get-alerts';
import { alertTitle } from '@/features/alerts/alert-title';

const tone = (s: Alert['severity']) => (s === 'critical' ? 'bad' : s === 'warning' ? 'warn' : 'info');

export function AlertsPanel({ alerts, canAcknowledge }: { alerts: Alert[]; canAcknowledge: boolean }) {
  const { t, tx, locale } = useI18n();
  const ack = useAcknowledgeAlert();
  const open = alerts.filter((a) => !a.acknowledgedAt);
  if (open.length === 0) return <Empty>{t('overview.noAlerts')}</Empty>;
  return (
    <>
      {ack.isError && <ErrorView error={ack.error} compact />}
      <ul className="alerts" data-testid="alerts">
        {open.map((a) => (
          <li key={String(a.id)}>
            <Badge tone={tone(a.severity)}>{tx(`alert.severity.${a.severity}`, a.severity)}</Badge>{' '}
            <span>{alertTitle(a, tx, locale)}</span>{' '}
            <span className="muted">{formatDate(a.raisedAt, locale)}</span>
            {canAcknowledge && (
              <button type="button" className="btn btn-small no-print" disabled={ack.isPending} onClick={() => ack.mutate(a.id)}>
                {t('alert.acknowledge')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
