import { useMemo, useState } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { useCurrentUser } from '@/app/current-user';
import { can } from '@/app/access';
import { formatDate, formatNumber, toIsoDate } from '@/lib/format';
import type { UseCaseStatus } from '@/lib/api/types';
import { useDebounced } from '@/lib/hooks/use-debounced';
import { Badge, Card, Empty, PageHeader, QueryView } from '@/components/ui';
import { useDepartments } from '@/features/departments/api/get-departments';
import { useUseCases } from '../api/get-use-cases';
import { ProposeForm } from '../components/ProposeForm';

const statuses: UseCaseStatus[] = ['idea', 'pilot', 'production', 'retired'];
const statusTone = { idea: 'neutral', pilot: 'info', production: 'good', retired: 'warn' } as const;

export default function UseCasesRoute() {
  const { t, locale } = useI18n();
  const me = useCurrentUser();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const [category, setCategory] = useState('');
  const [departmentCode, setDepartmentCode] = useState('');
  const filters = { q: useDebounced(q.trim()), status, category, departmentCode };
  const useCases = useUseCases(filters);
  const all = useUseCases();
  const departments = useDepartments();
  const names = new Map((departments.data ?? []).map((d) => [d.code, d.name]));
  const categories = useMemo(() => [...new Set((all.data ?? []).map((u) => u.category))].sort(), [all.data]);
  const today = toIsoDate(new Date());

  return (
    <>
      <PageHeader title={t('useCases.title')} intro={t('useCases.intro')} />
      <Card>
        <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
          <div className="field">
            <label htmlFor="uc-search">{t('useCases.search')}</label>
            <input id="uc-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="uc-status">{t('common.status')}</label>
            <select id="uc-status" value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="">{t('common.all')}</option>
              {statuses.map((s) => (
                <option key={s} value={s}>
                  {t(`useCaseStatus.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="uc-category-filter">{t('useCases.category')}</label>
            <select id="uc-category-filter" value={category} onChange={(e) => setCategory(e.target.value)}>
              <option value="">{t('common.all')}</option>
              {categories.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="uc-department">{t('common.department')}</label>
            <select id="uc-department" value={departmentCode} onChange={(e) => setDepartmentCode(e.target.value)}>
              <option value="">{t('common.all')}</option>
              {(departments.data ?? []).map((d) => (
                <option key={d.code} value={d.code}>
                  {d.name}
                </option>
              ))}
            </select>
          </div>
        </form>
        <QueryView query={useCases} compact>
          {(items) =>
            items.length === 0 ? (
              <Empty />
            ) : (
              <>
                <p className="muted" aria-live="polite">
                  {t('useCases.count', { n: formatNumber(items.length, locale) })}
                </p>
                <div className="table-wrap">
                  <table data-testid="use-cases">
                    <thead>
                      <tr>
                        <th scope="col">{t('useCases.titleField')}</th>
                        <th scope="col">{t('useCases.category')}</th>
                        <th scope="col">{t('common.status')}</th>
                        <th scope="col" className="num">
                          {t('useCases.minutesSaved')}
                        </th>
                        <th scope="col">{t('useCases.owner')}</th>
                        <th scope="col">{t('useCases.applicable')}</th>
                        <th scope="col">{t('useCases.reviewDue')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {items.map((u) => {
                        const overdue = u.reviewDueOn != null && u.reviewDueOn < today && u.status !== 'retired';
                        return (
                          <tr key={u.code}>
                            <td>
                              <strong>{u.title}</strong> <code className="muted">{u.code}</code>
                              {u.description && <div className="muted kpi-sub">{u.description}</div>}
                              {u.trainingUrl && (
                                <div className="kpi-sub">
                                  <a href={u.trainingUrl} target="_blank" rel="noreferrer">
                                    {t('useCases.training')}
                                  </a>
                                </div>
                              )}
                            </td>
                            <td>{u.category}</td>
                            <td>
                              <Badge tone={statusTone[u.status]}>{t(`useCaseStatus.${u.status}`)}</Badge>
                            </td>
                            <td className="num">{formatNumber(u.minutesSavedPerUse, locale, 1)}</td>
                            <td>{u.owner ?? '–'}</td>
                            <td>{u.applicableDepartments.length === 0 ? t('useCases.allDepartments') : u.applicableDepartments.map((c) => names.get(c) ?? c).join(', ')}</td>
                            <td>
                              {formatDate(u.reviewDueOn, locale)} {overdue && <Badge tone="warn">{t('useCases.overdue')}</Badge>}
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              </>
            )
          }
        </QueryView>
      </Card>
      {can.proposeUseCase(me.role) && (
        <Card title={t('useCases.propose')} id="propose">
          <ProposeForm categories={categories} departments={departments.data ?? []} defaultDepartments={me.role === 'champion' ? me.departmentCodes : []} />
        </Card>
      )}
    </>
  );
}
