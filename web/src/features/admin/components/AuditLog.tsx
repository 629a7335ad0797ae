import { useI18n } from '@/lib/i18n/i18n';
import { formatDateTime } from '@/lib/format';
import { Empty, Loading } from '@/components/ui';
import { ErrorView } from '@/components/ErrorView';
import { useAudit } from '@/features/admin/api/admin';

function describeChange(changes: unknown): string {
  if (changes == null) return '';
  if (typeof changes === 'string') {
    try {
      return JSON.stringify(JSON.parse(changes));
    } catch {
      return changes;
    }
  }
  return JSON.stringify(changes);
}

export function AuditLog() {
  const { t, tx, locale } = useI18n();
  const audit = useAudit();
  if (audit.isPending) return <Loading />;
  if (audit.isError) return <ErrorView error={audit.error} onRetry={() => audit.refetch()} compact />;
  const rows = audit.data.pages.flatMap((p) => p.items);
  if (rows.length === 0) return <Empty />;
  return (
    <>
      <div className="table-wrap">
        <table data-testid="audit">
          <thead>
            <tr>
              <th scope="col">{t('admin.when')}</th>
              <th scope="col">{t('admin.who')}</th>
              <th scope="col">{t('admin.action')}</th>
              <th scope="col">{t('admin.entity')}</th>
              <th scope="col">{t('admin.change')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.id ?? i}>
                <td>{formatDateTime(r.occurredAt, locale)}</td>
                <td>
                  {r.actor} <span className="muted">({tx(`role.${r.role}`, r.role)})</span>
                </td>
                <td>{r.action}</td>
                <td>
                  {r.entity}
                  {r.entityKey && (
                    <>
                      {' '}
                      <code>{r.entityKey}</code>
                    </>
                  )}
                </td>
                <td>
                  <code style={{ wordBreak: 'break-word', fontSize: '0.8rem' }}>{describeChange(r.changes)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {audit.hasNextPage && (
        <button type="button" className="btn" disabled={audit.isFetchingNextPage} onClick={() => audit.fetchNextPage()}>
          {t('common.loadMore')}
        </button>
      )}
    </>
  );
}
