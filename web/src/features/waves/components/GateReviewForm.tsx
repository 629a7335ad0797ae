import { useState, type FormEvent } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { toIsoDate } from '@/lib/format';
import { type Decision } from '@/lib/api/waves';
import { FormError } from '@/components/FormError';
import { useRecordGateReview } from '@/lib/api/waves';
import { decisions } from './decision';

export function GateReviewForm({ waveCode }: { waveCode: string }) {
  const { t } = useI18n();
  const record = useRecordGateReview(waveCode);
  const [decidedOn, setDecidedOn] = useState(() => toIsoDate(new Date()));
  const [decision, setDecision] = useState<Decision>('go');
  const [rationale, setRationale] = useState('');
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    record.mutate({ decidedOn, decision, rationale: rationale.trim() }, { onSuccess: () => setRationale('') });
  }
  return (
    <form className="form" onSubmit={onSubmit} aria-labelledby="gate-form-title">
      <h3 id="gate-form-title">{t('waves.recordDecision')}</h3>
      <div className="form-row">
        <div className="field">
          <label htmlFor="gate-date">{t('waves.decidedOn')}</label>
          <input id="gate-date" type="date" required value={decidedOn} onChange={(e) => setDecidedOn(e.target.value)} />
        </div>
        <fieldset>
          <legend>{t('waves.decision')}</legend>
          <div className="form-row">
            {decisions.map((d) => (
              <label key={d} style={{ fontWeight: 400, display: 'flex', gap: '0.3rem', alignItems: 'center' }}>
                <input type="radio" name="decision" value={d} checked={decision === d} onChange={() => setDecision(d)} />
                {t(`decision.${d}`)}
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      <div className="field">
        <label htmlFor="gate-rationale">{t('waves.rationale')}</label>
        <textarea id="gate-rationale" required value={rationale} onChange={(e) => setRationale(e.target.value)} />
      </div>
      <div>
        <button type="submit" className="btn btn-primary" disabled={record.isPending || !rationale.trim()}>
          {t('common.save')}
        </button>
      </div>
      <div aria-live="polite">
        {record.isError && <FormError error={record.error} />}
        {record.isSuccess && (
          <p className="notice notice-ok" role="status">
            {t('waves.recorded')}
          </p>
        )}
      </div>
    </form>
  );
}
