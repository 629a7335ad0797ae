import { useState, type FormEvent } from 'react';
import { useI18n, type MessageKey } from '@/lib/i18n/i18n';
import { FormError } from '@/components/FormError';
import { QueryView } from '@/components/ui';
import { useSaveSettings, useSettings, type Settings } from '@/lib/api/settings';

// Known settings get a translated label; any other scalar the API returns is still editable.
const known: Partial<Record<string, MessageKey>> = {
  organisationName: 'settings.organisationName',
  adoptingDepthThreshold: 'settings.adoptingDepthThreshold',
  hourlyCost: 'settings.hourlyCost',
  currency: 'settings.currency',
  minGroupSize: 'settings.minGroupSize',
  weekWindow: 'settings.weekWindow',
  weekThreshold: 'settings.weekThreshold',
  monthWindow: 'settings.monthWindow',
  monthThreshold: 'settings.monthThreshold',
  minPeriods: 'settings.minPeriods',
  activationWindowDays: 'settings.activationWindowDays',
};

export function SettingsForm() {
  const settings = useSettings();
  return <QueryView query={settings} compact>{(s) => <Editor initial={s} />}</QueryView>;
}

function Editor({ initial: settings }: { initial: Settings }) {
  // Edited member by member, whichever members the API answers.
  const initial: Record<string, unknown> = settings;
  const { t } = useI18n();
  const save = useSaveSettings();
  // Edits belong to the settings they were made on: when the API answers new settings (after a
  // save or a refetch) the form shows those, as they are.
  const [edit, setEdit] = useState<{ of: Settings; draft: Record<string, string> } | null>(null);
  const draft = edit?.of === settings ? edit.draft : toDraft(initial);
  const setDraft = (next: Record<string, string>) => setEdit({ of: settings, draft: next });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const next: Record<string, unknown> = { ...initial };
    for (const [k, v] of Object.entries(draft)) {
      const orig = initial[k];
      if (typeof orig === 'number') next[k] = v.trim() === '' ? null : Number(v.replace(',', '.'));
      else if (typeof orig === 'boolean') next[k] = v === 'true';
      else next[k] = v === '' && orig == null ? null : v;
    }
    save.mutate(next as Settings);
  }

  return (
    <form className="form" onSubmit={onSubmit}>
      {Object.keys(draft).map((k) => {
        const orig = initial[k];
        const id = `setting-${k}`;
        return (
          <div className="field" key={k}>
            <label htmlFor={id}>{known[k] ? t(known[k]!) : k}</label>
            {typeof orig === 'boolean' ? (
              <select id={id} value={draft[k]} onChange={(e) => setDraft({ ...draft, [k]: e.target.value })}>
                <option value="true">{t('common.yes')}</option>
                <option value="false">{t('common.no')}</option>
              </select>
            ) : (
              <input
                id={id}
                inputMode={typeof orig === 'number' ? 'decimal' : undefined}
                value={draft[k]}
                onChange={(e) => setDraft({ ...draft, [k]: e.target.value })}
              />
            )}
          </div>
        );
      })}
      <div>
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {t('common.save')}
        </button>
      </div>
      <div aria-live="polite">
        {save.isError && <FormError error={save.error} />}
        {save.isSuccess && (
          <p className="notice notice-ok" role="status">
            {t('admin.settingsSaved')}
          </p>
        )}
      </div>
    </form>
  );
}

/** The scalar members as the form's text fields. */
function toDraft(settings: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(settings).filter(([, v]) => v == null || typeof v !== 'object').map(([k, v]) => [k, v == null ? '' : String(v)]));
}
