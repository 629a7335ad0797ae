import { useState, type FormEvent } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { toIsoDate } from '@/lib/format';
import { type UseCase } from '@/lib/api/use-cases';
import { FormError } from '@/components/FormError';
import { useReportOutcome } from '@/features/champion/api/activity';

export function OutcomeForm({ departmentCode, useCases }: { departmentCode: string; useCases: UseCase[] }) {
  const { t } = useI18n();
  const report = useReportOutcome();
  const [date, setDate] = useState(() => toIsoDate(new Date()));
  const [useCase, setUseCase] = useState('');
  const [tickets, setTickets] = useState('0');
  const [helped, setHelped] = useState('0');
  const [satisfaction, setSatisfaction] = useState('');
  const [blockers, setBlockers] = useState('');
  const [note, setNote] = useState('');

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    report.mutate({
      reportId: null,
      occurredOn: date,
      departmentCode,
      useCaseCode: useCase || null,
      ticketsAvoided: Math.max(0, Math.round(Number(tickets) || 0)),
      employeesHelped: Math.max(0, Math.round(Number(helped) || 0)),
      satisfaction: satisfaction ? Number(satisfaction) : null,
      blockers: blockers.trim() || null,
      note: note.trim() || null,
    });
  }

  return (
    <form className="form" onSubmit={onSubmit}>
      <div className="form-row">
        <div className="field">
          <label htmlFor="outcome-date">{t('common.date')}</label>
          <input id="outcome-date" type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="outcome-use-case">{t('common.useCase')}</label>
          <select id="outcome-use-case" value={useCase} onChange={(e) => setUseCase(e.target.value)}>
            <option value="">{t('common.none')}</option>
            {useCases.map((u) => (
              <option key={u.code} value={u.code}>
                {u.title}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="form-row">
        <div className="field">
          <label htmlFor="outcome-tickets">{t('championWs.ticketsAvoided')}</label>
          <input id="outcome-tickets" type="number" min={0} step={1} required value={tickets} onChange={(e) => setTickets(e.target.value)} style={{ width: '8rem' }} />
        </div>
        <div className="field">
          <label htmlFor="outcome-helped">{t('championWs.employeesHelped')}</label>
          <input id="outcome-helped" type="number" min={0} step={1} required value={helped} onChange={(e) => setHelped(e.target.value)} style={{ width: '8rem' }} />
        </div>
        <div className="field">
          <label htmlFor="outcome-satisfaction">{t('championWs.satisfaction')}</label>
          <select id="outcome-satisfaction" value={satisfaction} onChange={(e) => setSatisfaction(e.target.value)}>
            <option value="">–</option>
            {[1, 2, 3, 4, 5].map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor="outcome-blockers">{t('championWs.blockers')}</label>
        <textarea id="outcome-blockers" value={blockers} onChange={(e) => setBlockers(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="outcome-note">{t('common.note')}</label>
        <textarea id="outcome-note" value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <div>
        <button type="submit" className="btn btn-primary" disabled={report.isPending}>
          {t('common.save')}
        </button>
      </div>
      <div aria-live="polite">
        {report.isError && <FormError error={report.error} />}
        {report.isSuccess && (
          <p className="notice notice-ok" role="status">
            {t('championWs.outcomeSaved')}
          </p>
        )}
      </div>
    </form>
  );
}
