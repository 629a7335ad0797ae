import { useMemo, useState } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { useCurrentUser } from '@/lib/auth/current-user';
import { can } from '@/lib/auth/access';
import { formatDate, formatNumber, formatPercent } from '@/lib/format';
import { type UseCase, type UseCaseStatus } from '@/lib/api/use-cases';
import { useDebounced } from '@/lib/hooks/use-debounced';
import { Badge, Card, Empty, PageHeader, QueryView, toneOf } from '@/components/ui';
import { useDepartments } from '@/lib/api/departments';
import { useTransferCandidates, useUseCaseIndicators, useUseCases, type UseCaseIndicators } from '@/lib/api/use-cases';
import { ProposeForm } from '@/features/use-cases/components/ProposeForm';

const statuses: UseCaseStatus[] = ['idea', 'pilot', 'production', 'retired'];
const statusTone = { idea: 'neutral', pilot: 'info', production: 'good', retired: 'warn' } as const;

export default function UseCasesRoute() {
  const { t, locale, tx } = useI18n();
  const me = useCurrentUser();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const [category, setCategory] = useState('');
  const [departmentCode, setDepartmentCode] = useState('');
  const filters = { q: useDebounced(q.trim()), status, category, departmentCode };
  const useCases = useUseCases(filters);
  const all = useUseCases();
  const departments = useDepartments();
  const indicators = useUseCaseIndicators();
  const transfers = useTransferCandidates(departmentCode);
  const byCode = new Map((indicators.data?.useCases ?? []).map((i) => [i.code, i]));
  const names = new Map((departments.data ?? []).map((d) => [d.code, d.name]));
  const categories = useMemo(() => [...new Set((all.data ?? []).map((u) => u.category))].sort(), [all.data]);
  const tools = useMemo(() => [...new Set((all.data ?? []).map((u) => u.tool).filter((x): x is string => !!x))].sort(), [all.data]);
  const [tool, setTool] = useState('');
  const shownItems = (items: UseCase[]) => (tool ? items.filter((u) => u.tool === tool) : items);

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
                  {tx(`useCaseStatus.${s}`, s)}
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
          {tools.length > 0 && (
            <div className="field">
              <label htmlFor="uc-tool-filter">{t('useCases.tool')}</label>
              <select id="uc-tool-filter" value={tool} onChange={(e) => setTool(e.target.value)}>
                <option value="">{t('common.all')}</option>
                {tools.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </div>
          )}
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
          {(all) => {
            const items = shownItems(all);
            return items.length === 0 ? (
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
                        <th scope="col">{t('useCases.tool')}</th>
                        <th scope="col">{t('common.status')}</th>
                        <th scope="col" className="num">
                          {t('useCases.minutesSaved')}
                        </th>
                        <th scope="col">{t('useCases.owner')}</th>
                        <th scope="col">{t('useCases.applicable')}</th>
                        <th scope="col">{t('useCases.reviewDue')}</th>
                        <th scope="col">{t('useCases.indicators')}</th>
                        <th scope="col">{t('useCases.departmentsUsing')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {items.map((u) => {
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
                            <td>{u.tool ?? '–'}</td>
                            <td>
                              <Badge tone={toneOf(statusTone, u.status)}>{tx(`useCaseStatus.${u.status}`, u.status)}</Badge>
                            </td>
                            <td className="num">{formatNumber(u.minutesSavedPerUse, locale, 1)}</td>
                            <td>{u.owner ?? '–'}</td>
                            <td>{u.applicableDepartments.length === 0 ? t('useCases.allDepartments') : u.applicableDepartments.map((c) => names.get(c) ?? c).join(', ')}</td>
                            <td>
                              {formatDate(u.reviewDueOn, locale)} {u.reviewOverdue && <Badge tone="warn">{t('useCases.overdue')}</Badge>}
                            </td>
                            <td className="kpi-sub">
                              <Indicators value={byCode.get(u.code)} />
                            </td>
                            <td>{(byCode.get(u.code)?.departmentsUsing ?? []).map((c) => names.get(c) ?? c).join(', ') || '–'}</td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              </>
            );
          }}
        </QueryView>
      </Card>
      {departmentCode !== '' && (
        <Card title={t('useCases.transferTitle', { department: names.get(departmentCode) ?? departmentCode })} id="transfer">
          <p className="muted">{t('useCases.transferIntro')}</p>
          <QueryView query={transfers} compact>
            {(data) =>
              data.candidates.length === 0 ? (
                <Empty>{t('useCases.noTransfer')}</Empty>
              ) : (
                <ul data-testid="transfer-candidates">
                  {data.candidates.map((c) => (
                    <li key={c.code}>
                      <strong>{c.title}</strong> <code className="muted">{c.code}</code> —{' '}
                      {t('useCases.transferUsage', {
                        departments: c.departmentsUsing.map((d) => names.get(d) ?? d).join(', '),
                        employees: formatNumber(c.employeesUsing, locale),
                        uses: formatNumber(c.uses, locale),
                      })}
                      {c.trainingUrl && (
                        <>
                          {' '}
                          ·{' '}
                          <a href={c.trainingUrl} target="_blank" rel="noreferrer">
                            {t('useCases.training')}
                          </a>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              )
            }
          </QueryView>
        </Card>
      )}
      {can.proposeUseCase(me) && (
        <Card title={t('useCases.propose')} id="propose">
          <ProposeForm categories={categories} tools={tools} departments={departments.data ?? []} defaultDepartments={me.role === 'champion' ? me.departmentCodes : []} />
        </Card>
      )}
    </>
  );
}

/** Volume, exception rate and perceived impact over the last 90 days. */
function Indicators({ value }: { value: UseCaseIndicators | undefined }) {
  const { t, locale } = useI18n();
  if (!value) return <>–</>;
  return (
    <>
      <div>{t('useCases.volume', { uses: formatNumber(value.uses, locale), users: formatNumber(value.users, locale) })}</div>
      <div>{t('useCases.exceptionRate', { rate: value.exceptionRate == null ? '–' : formatPercent(value.exceptionRate, locale, 0) })}</div>
      <div>
        {value.perceivedImpact == null ? t('useCases.noPerceivedImpact') : t('useCases.perceivedImpact', { score: formatNumber(value.perceivedImpact, locale, 1) })}
      </div>
    </>
  );
}
