import { ApiError } from '@/lib/api/client';
import { useI18n } from '@/lib/i18n/i18n';
import { lineErrorMessage } from '@/lib/i18n/line-error';
import { ErrorView } from './ErrorView';

/** A failed form submission: validation problems listed field by field, anything else explained. */
export function FormError({ error }: { error: unknown }) {
  const { t, tx } = useI18n();
  if (error instanceof ApiError && (error.status === 400 || error.status === 422)) {
    const fields = Object.entries(error.fieldErrors);
    const lines = error.lineErrors;
    return (
      <div className="notice notice-error" role="alert">
        <strong>{error.problem?.title ?? t('error.validation')}</strong>
        {error.problem?.detail && <p>{error.problem.detail}</p>}
        {(fields.length > 0 || lines.length > 0) && (
          <ul>
            {fields.map(([f, msgs]) => (
              <li key={f}>
                <code>{f}</code> : {Array.isArray(msgs) ? msgs.join(' ') : String(msgs)}
              </li>
            ))}
            {lines.map((l, i) => (
              <li key={`l${i}`}>
                {l.column && <code>{l.column}</code>} {lineErrorMessage(l, tx)}
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  return <ErrorView error={error} compact />;
}
