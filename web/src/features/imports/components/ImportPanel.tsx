import { useId, useRef, useState } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { type ImportKind, type ImportResult } from '@/features/imports/api/run-import';
import { formatNumber } from '@/lib/format';
import { ImportError, LineTable } from '@/components/ImportErrors';
import { useRunImport } from '@/features/imports/api/run-import';

type Outcome = { dryRun: boolean; result: ImportResult } | { dryRun: boolean; error: unknown };

/**
 * Check a CSV file with a dry run (every rejected line listed with why), then import it for real.
 * The real import is offered only after a clean dry run of the very same file and kind.
 */
export function ImportPanel({ kinds, intro }: { kinds: readonly ImportKind[]; intro?: string }) {
  const { t, locale } = useI18n();
  const id = useId();
  const [kind, setKind] = useState<ImportKind>(kinds[0]);
  const [file, setFile] = useState<File | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const run = useRunImport();

  const reset = () => setOutcome(null);
  const submit = (dryRun: boolean) => {
    if (!file) return;
    run.mutate(
      { kind, file, dryRun },
      {
        onSuccess: (result) => setOutcome({ dryRun, result }),
        onError: (error) => setOutcome({ dryRun, error }),
      },
    );
  };
  const checkedOk = outcome && 'result' in outcome && outcome.dryRun;
  const n = (v: number) => formatNumber(v, locale);

  return (
    <div className="import-panel">
      {intro && <p className="muted">{intro}</p>}
      <div className="form-row">
        {kinds.length > 1 && (
          <div className="field">
            <label htmlFor={`${id}-kind`}>{t('import.kind')}</label>
            <select
              id={`${id}-kind`}
              value={kind}
              onChange={(e) => {
                setKind(e.target.value as ImportKind);
                reset();
              }}
            >
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {t(`import.kind.${k}`)}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('import.file')}</label>
          <input
            ref={inputRef}
            id={`${id}-file`}
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              reset();
            }}
          />
        </div>
        <button type="button" className="btn" disabled={!file || run.isPending} onClick={() => submit(true)}>
          {t('import.check')}
        </button>
        <button type="button" className="btn btn-primary" disabled={!file || !checkedOk || run.isPending} onClick={() => submit(false)}>
          {t('import.run')}
        </button>
      </div>

      <div aria-live="polite">
        {outcome && 'result' in outcome && (
          <div className={`notice ${outcome.dryRun ? 'notice' : 'notice-ok'}`} role="status" data-testid="import-result">
            <strong>{outcome.dryRun ? t('import.preview') : t('import.done')}</strong>
            <p>
              {t(outcome.dryRun ? 'import.counts' : 'import.countsDone', {
                rowsRead: n(outcome.result.rowsRead),
                inserted: n(outcome.result.inserted),
                updated: n(outcome.result.updated),
                unchanged: n(outcome.result.unchanged),
              })}
            </p>
            {outcome.result.warnings?.length > 0 && (
              <LineTable caption={t('import.warnings')} rows={outcome.result.warnings} />
            )}
          </div>
        )}
        {outcome && 'error' in outcome && <ImportError error={outcome.error} />}
      </div>
    </div>
  );
}
