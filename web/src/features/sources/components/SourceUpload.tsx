import { useId, useRef, useState } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { formatNumber, formatPercent } from '@/lib/format';
import { sources, type SourceImportResult, type SourceName } from '@/lib/api/sources';
import { ImportError } from '@/components/ImportErrors';
import { sourceInfo, useUploadSource, type UploadProgress } from '@/lib/api/sources';
import { UploadResult } from './UploadResult';

type Outcome = { source: SourceName; result: SourceImportResult } | { source: SourceName; error: unknown };

/** Bytes in the reader's units: "1,2 Mo" / "1.2 MB". */
function formatBytes(bytes: number, locale: 'fr-FR' | 'en-GB'): string {
  const units = locale === 'fr-FR' ? ['o', 'ko', 'Mo', 'Go'] : ['B', 'kB', 'MB', 'GB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${formatNumber(v, locale, i === 0 ? 0 : 1)} ${units[i]}`;
}

/**
 * Upload a tool's export as it was exported. With "dry run first", the file is checked and
 * nothing written until the admin confirms; the upload shows its progress, since exports are large.
 */
export function SourceUpload() {
  const { t, locale } = useI18n();
  const id = useId();
  const [source, setSource] = useState<SourceName>('m365-copilot-audit');
  const [file, setFile] = useState<File | null>(null);
  const [dryRunFirst, setDryRunFirst] = useState(true);
  const [seats, setSeats] = useState(false);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const abort = useRef<AbortController | null>(null);
  const upload = useUploadSource();

  const reset = () => {
    setOutcome(null);
    setProgress(null);
  };
  const send = (dryRun: boolean) => {
    if (!file) return;
    reset();
    abort.current = new AbortController();
    setProgress({ loaded: 0, total: file.size });
    upload.mutate(
      { request: { source, file, dryRun, seats }, onProgress: setProgress, signal: abort.current.signal },
      {
        onSuccess: (result) => setOutcome({ source, result }),
        onError: (error) => {
          if ((error as Error).name !== 'AbortError') setOutcome({ source, error });
        },
        onSettled: () => setProgress(null),
      },
    );
  };
  const checked = outcome && 'result' in outcome && outcome.result.dryRun;
  const ratio = progress && progress.total > 0 ? Math.min(1, progress.loaded / progress.total) : 0;

  return (
    <div className="import-panel" data-testid="source-upload">
      <p className="muted">{t('sources.uploadIntro')}</p>
      <div className="form-row">
        <div className="field">
          <label htmlFor={`${id}-source`}>{t('sources.source')}</label>
          <select
            id={`${id}-source`}
            value={source}
            disabled={upload.isPending}
            onChange={(e) => {
              setSource(e.target.value as SourceName);
              reset();
            }}
          >
            {sources.map((s) => (
              <option key={s} value={s}>
                {t(`source.label.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('sources.file')}</label>
          <input
            id={`${id}-file`}
            type="file"
            accept={sourceInfo[source].accept}
            disabled={upload.isPending}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              reset();
            }}
          />
        </div>
      </div>
      <p className="muted kpi-sub">{t(`source.help.${source}`)}</p>
      <div className="form-row">
        <label className="check">
          <input type="checkbox" checked={dryRunFirst} onChange={(e) => setDryRunFirst(e.target.checked)} disabled={upload.isPending} /> {t('sources.dryRunFirst')}
        </label>
        {source === 'm365-copilot-usage' && (
          <label className="check">
            <input type="checkbox" checked={seats} onChange={(e) => setSeats(e.target.checked)} disabled={upload.isPending} /> {t('sources.seats')}
          </label>
        )}
      </div>
      <div className="form-row">
        <button type="button" className="btn btn-primary" disabled={!file || upload.isPending} onClick={() => send(dryRunFirst)}>
          {dryRunFirst ? t('import.check') : t('sources.upload')}
        </button>
        {checked && (
          <button type="button" className="btn btn-primary" disabled={!file || upload.isPending} onClick={() => send(false)}>
            {t('sources.importNow')}
          </button>
        )}
        {upload.isPending && (
          <button type="button" className="btn" onClick={() => abort.current?.abort()}>
            {t('sources.cancel')}
          </button>
        )}
      </div>
      {progress && (
        <div className="upload-progress" data-testid="upload-progress">
          <div
            className="progress"
            role="progressbar"
            aria-label={t('sources.progress')}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(ratio * 100)}
            aria-valuetext={formatPercent(ratio, locale, 0)}
          >
            <span style={{ width: `${ratio * 100}%` }} />
          </div>
          <p className="muted kpi-sub" aria-live="polite">
            {ratio < 1
              ? t('sources.uploading', { percent: formatPercent(ratio, locale, 0), loaded: formatBytes(progress.loaded, locale), total: formatBytes(progress.total, locale) })
              : t('sources.processing')}
          </p>
        </div>
      )}
      <div aria-live="polite">
        {outcome && 'result' in outcome && <UploadResult source={outcome.source} result={outcome.result} />}
        {outcome && 'error' in outcome && <ImportError error={outcome.error} />}
      </div>
    </div>
  );
}
