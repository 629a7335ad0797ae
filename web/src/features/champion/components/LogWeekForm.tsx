import { useMemo, useState, type FormEvent } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { toIsoDate } from '@/lib/format';
import { type UseCase } from '@/lib/api/use-cases';
import { FormError } from '@/components/FormError';
import { QueryView } from '@/components/ui';
import { useEmployees, useLogUsage } from '@/features/champion/api/activity';

/**
 * One use case, one date, the employees who used it: one usage event each.
 * The event id is derived from them, so logging the same week again corrects it instead of doubling it.
 */
export function LogWeekForm({ departmentCode, useCases }: { departmentCode: string; useCases: UseCase[] }) {
  const { t } = useI18n();
  const employees = useEmployees(departmentCode);
  const log = useLogUsage();
  const [date, setDate] = useState(() => toIsoDate(new Date()));
  const [useCase, setUseCase] = useState('');
  const [uses, setUses] = useState('1');
  const [minutes, setMinutes] = useState('');
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [filter, setFilter] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);

  const roster = useMemo(
    () => (employees.data ?? []).filter((e) => !e.leftOn || e.leftOn > date).filter((e) => e.employeeKey.toLowerCase().includes(filter.toLowerCase())),
    [employees.data, date, filter],
  );
  const selectedUseCase = useCase || useCases[0]?.code || '';

  function toggle(key: string) {
    setPicked((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setLocalError(null);
    if (picked.size === 0) {
      setLocalError(t('championWs.selectAtLeastOne'));
      return;
    }
    const m = minutes.trim() === '' ? undefined : Number(minutes.replace(',', '.'));
    log.mutate(
      [...picked].map((employeeKey) => ({
        eventId: `log-${date}-${selectedUseCase}-${employeeKey}`,
        occurredOn: date,
        employeeKey,
        useCaseCode: selectedUseCase,
        uses: Math.max(1, Math.round(Number(uses) || 1)),
        minutesSaved: m === undefined || Number.isNaN(m) ? null : m,
      })),
    );
  }

  return (
    <form className="form" onSubmit={onSubmit} aria-labelledby="log-week-title" style={{ maxWidth: 'none' }}>
      <div className="form-row">
        <div className="field">
          <label htmlFor="log-date">{t('championWs.weekOf')}</label>
          <input id="log-date" type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="log-use-case">{t('common.useCase')}</label>
          <select id="log-use-case" required value={selectedUseCase} onChange={(e) => setUseCase(e.target.value)}>
            {useCases.map((u) => (
              <option key={u.code} value={u.code}>
                {u.title} ({u.code})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="log-uses">{t('championWs.uses')}</label>
          <input id="log-uses" type="number" min={1} step={1} required value={uses} onChange={(e) => setUses(e.target.value)} style={{ width: '7rem' }} />
        </div>
        <div className="field">
          <label htmlFor="log-minutes">{t('championWs.minutes')}</label>
          <input id="log-minutes" type="number" min={0} step="any" value={minutes} onChange={(e) => setMinutes(e.target.value)} style={{ width: '7rem' }} />
        </div>
      </div>
      <fieldset>
        <legend>
          {t('championWs.pickEmployees')} — {t('championWs.selected', { n: picked.size })}
        </legend>
        <p className="muted kpi-sub">{t('championWs.pickHelp')}</p>
        <div className="form-row" style={{ marginBottom: '0.5rem' }}>
          <label className="sr-only" htmlFor="roster-filter">
            {t('common.search')}
          </label>
          <input id="roster-filter" type="search" placeholder={t('common.search')} value={filter} onChange={(e) => setFilter(e.target.value)} />
          <button type="button" className="btn btn-small" onClick={() => setPicked(new Set([...picked, ...roster.map((r) => r.employeeKey)]))}>
            {t('championWs.selectAll')}
          </button>
          <button type="button" className="btn btn-small" onClick={() => setPicked(new Set())}>
            {t('championWs.clear')}
          </button>
        </div>
        <QueryView query={employees} compact>
          {() => (
            <div className="checklist-scroll" data-testid="roster">
              {roster.map((e) => (
                <label key={e.employeeKey}>
                  <input type="checkbox" checked={picked.has(e.employeeKey)} onChange={() => toggle(e.employeeKey)} />
                  <code>{e.employeeKey}</code>
                </label>
              ))}
            </div>
          )}
        </QueryView>
      </fieldset>
      <div>
        <button type="submit" className="btn btn-primary" disabled={log.isPending || !selectedUseCase}>
          {t('common.save')}
        </button>
      </div>
      <div aria-live="polite">
        {localError && (
          <p className="notice notice-error" role="alert">
            {localError}
          </p>
        )}
        {log.isError && <FormError error={log.error} />}
        {log.isSuccess && (
          <p className="notice notice-ok" role="status">
            {t('championWs.logged', log.data as unknown as Record<string, number>)}
          </p>
        )}
      </div>
    </form>
  );
}
