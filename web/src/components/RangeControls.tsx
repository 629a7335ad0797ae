import { useState } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { formatDateTime } from '@/lib/format';
import { type Grain } from '@/lib/api/kpis';
import type { KpiRange } from '@/lib/api/kpis';

/** Week/month toggle and date range: labelled, keyboard-usable. */
export function RangeControls({ range, onChange }: { range: KpiRange; onChange: (next: Partial<KpiRange>) => void }) {
  const { t } = useI18n();
  // Dates typed but not applied belong to the range they were typed over: a new range (applied,
  // or from the URL) shows its own dates.
  const shown = `${range.from}/${range.to}`;
  const [edit, setEdit] = useState<{ of: string; from: string; to: string } | null>(null);
  const { from, to } = edit?.of === shown ? edit : range;
  const setFrom = (value: string) => setEdit({ of: shown, from: value, to });
  const setTo = (value: string) => setEdit({ of: shown, from, to: value });
  return (
    <form
      className="filters no-print"
      aria-label={t('overview.range')}
      onSubmit={(e) => {
        e.preventDefault();
        if (from && to) onChange({ from, to });
      }}
    >
      <div className="field">
        <span className="label" id="grain-label">
          {t('grain.label')}
        </span>
        <div className="segmented" role="group" aria-labelledby="grain-label">
          {(['week', 'month'] as Grain[]).map((g) => (
            <button key={g} type="button" className="btn btn-small" aria-pressed={range.grain === g} onClick={() => onChange({ grain: g })}>
              {t(`grain.${g}`)}
            </button>
          ))}
        </div>
      </div>
      <div className="field">
        <label htmlFor="range-from">{t('common.from')}</label>
        <input id="range-from" type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="range-to">{t('common.to')}</label>
        <input id="range-to" type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} />
      </div>
      <button type="submit" className="btn btn-small">
        {t('common.apply')}
      </button>
    </form>
  );
}

export function StaleNotice({ stale, computedAt }: { stale: boolean; computedAt: string | null }) {
  const { t, locale } = useI18n();
  const time = formatDateTime(computedAt, locale, 'short');
  if (stale)
    return (
      <p className="notice notice-warn" role="status">
        {t('overview.stale', { time })}
      </p>
    );
  return <p className="muted kpi-sub">{t('overview.computedAt', { time })}</p>;
}
