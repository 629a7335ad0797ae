import { useI18n } from '@/lib/i18n/i18n';
import { ApiError, type LineError } from '@/lib/api/client';
import { lineErrorMessage } from '@/lib/i18n/line-error';
import { formatNumber } from '@/lib/format';
import { ErrorView } from '@/components/ErrorView';

/** Why an upload was refused: the rejected CSV lines when the API names them, otherwise the error itself. */
export function ImportError({ error }: { error: unknown }) {
  const { t, locale } = useI18n();
  if (error instanceof ApiError && error.status === 422 && error.lineErrors.length > 0) {
    const lines = new Set(error.lineErrors.map((e) => e.line)).size;
    return (
      <div className="notice notice-error" role="alert" data-testid="import-errors">
        <strong>{t('import.rejected', { n: formatNumber(lines, locale) })}</strong>
        <LineTable rows={error.lineErrors} />
      </div>
    );
  }
  return <ErrorView error={error} compact />;
}

export function LineTable({ caption, rows }: { caption?: string; rows: LineError[] }) {
  const { t, tx } = useI18n();
  return (
    <div className="table-wrap">
      <table>
        {caption && <caption>{caption}</caption>}
        <thead>
          <tr>
            <th scope="col" className="num">
              {t('common.line')}
            </th>
            <th scope="col">{t('common.column')}</th>
            <th scope="col">{t('common.message')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td className="num">{r.line}</td>
              <td>{r.column ? <code>{r.column}</code> : '–'}</td>
              <td>{lineErrorMessage(r, tx)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
