import { useState, type FormEvent } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { type Department } from '@/lib/api/departments';
import { FormError } from '@/components/FormError';
import { useProposeUseCase } from '@/lib/api/use-cases';

/** A champion's idea joins the library with status "idea" (see the README's roles table). */
export function ProposeForm({ categories, tools = [], departments, defaultDepartments }: { categories: string[]; tools?: string[]; departments: Department[]; defaultDepartments: string[] }) {
  const { t } = useI18n();
  const propose = useProposeUseCase();
  const [code, setCode] = useState('');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [category, setCategory] = useState('');
  const [minutes, setMinutes] = useState('5');
  const [tool, setTool] = useState('');
  const [applicable, setApplicable] = useState<string[]>(defaultDepartments);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    propose.mutate(
      {
        code: code.trim(),
        title: title.trim(),
        description: description.trim(),
        category: category.trim(),
        minutesSavedPerUse: Math.max(0, Number(minutes.replace(',', '.')) || 0),
        applicableDepartments: applicable,
        ...(tool.trim() ? { tool: tool.trim() } : {}),
      },
      {
        onSuccess: () => {
          setCode('');
          setTitle('');
          setDescription('');
        },
      },
    );
  }

  return (
    <form className="form" onSubmit={onSubmit}>
      <p className="muted">{t('useCases.proposeIntro')}</p>
      <div className="form-row">
        <div className="field">
          <label htmlFor="uc-code">{t('common.code')}</label>
          <input id="uc-code" required pattern="[A-Za-z0-9_\-]+" value={code} onChange={(e) => setCode(e.target.value.toUpperCase())} style={{ width: '12rem' }} />
        </div>
        <div className="field" style={{ flex: 1 }}>
          <label htmlFor="uc-title">{t('useCases.titleField')}</label>
          <input id="uc-title" required value={title} onChange={(e) => setTitle(e.target.value)} />
        </div>
      </div>
      <div className="field">
        <label htmlFor="uc-description">{t('useCases.description')}</label>
        <textarea id="uc-description" value={description} onChange={(e) => setDescription(e.target.value)} />
      </div>
      <div className="form-row">
        <div className="field">
          <label htmlFor="uc-category">{t('useCases.category')}</label>
          <input id="uc-category" required list="uc-categories" value={category} onChange={(e) => setCategory(e.target.value)} />
          <datalist id="uc-categories">
            {categories.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor="uc-tool">{t('useCases.toolOptional')}</label>
          <input id="uc-tool" list="uc-tools" value={tool} onChange={(e) => setTool(e.target.value)} />
          <datalist id="uc-tools">
            {tools.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor="uc-minutes">{t('useCases.minutesSaved')}</label>
          <input id="uc-minutes" type="number" min={0} step="any" required value={minutes} onChange={(e) => setMinutes(e.target.value)} style={{ width: '8rem' }} />
        </div>
      </div>
      <div className="field">
        <label htmlFor="uc-departments">{t('useCases.applicable')}</label>
        <select
          id="uc-departments"
          multiple
          size={Math.min(6, Math.max(3, departments.length))}
          value={applicable}
          onChange={(e) => setApplicable([...e.target.selectedOptions].map((o) => o.value))}
        >
          {departments.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
        </select>
        <span className="muted kpi-sub">{t('useCases.applicableHelp')}</span>
      </div>
      <div>
        <button type="submit" className="btn btn-primary" disabled={propose.isPending}>
          {t('useCases.propose')}
        </button>
      </div>
      <div aria-live="polite">
        {propose.isError && <FormError error={propose.error} />}
        {propose.isSuccess && (
          <p className="notice notice-ok" role="status">
            {t('useCases.proposed', { code: propose.data?.code ?? propose.variables?.code ?? '' })}
          </p>
        )}
      </div>
    </form>
  );
}
