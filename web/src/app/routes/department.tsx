import { Link, useParams } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { useCurrentUser } from '@/lib/auth/current-user';
import { can } from '@/lib/auth/access';
import { formatDate, formatNumber, formatPercent, formatPeriod } from '@/lib/format';
import { Badge, Card, Empty, PageHeader, QueryView, toneOf } from '@/components/ui';
import { Trend } from '@/components/Trend';
import { useDepartmentKpis, useToolKpis } from '@/lib/api/kpis';
import { PartialPeriodNote } from '@/components/PartialPeriodNote';
import { ToolsPanel } from '@/app/routes/overview/components/ToolsPanel';
import { lastCompleteIndex, useKpiRange } from '@/lib/kpi-range';
import { RangeControls, StaleNotice } from '@/components/RangeControls';
import { useWaves } from '@/lib/api/waves';
import { useChampions, useOutcomes, useUsageTotals } from '@/features/champion/api/activity';
import { useApplicableUseCases, useUseCases } from '@/lib/api/use-cases';
import { useTrainingNeeds } from '@/features/hr/api/get-training-needs';
import { useDepartment } from '@/lib/api/departments';
import { DepartmentDepthChart } from '@/features/departments/components/DepartmentDepthChart';

const championTone = { active: 'good', equipped: 'info', identified: 'neutral', inactive: 'warn' } as const;

export default function DepartmentRoute() {
  const { code = '' } = useParams();
  const { t, locale, tx } = useI18n();
  const me = useCurrentUser();
  const [range, setRange] = useKpiRange();
  const department = useDepartment(code);
  const kpis = useDepartmentKpis(range);
  const tools = useToolKpis(range, code);
  const waves = useWaves(can.readWaves(me));
  const ownDepartment = me.role !== 'champion' || me.departmentCodes.includes(code);
  const champions = useChampions(code, can.readChampions(me));
  const outcomes = useOutcomes({ departmentCode: code, from: range.from, to: range.to }, can.readOutcomes(me) && ownDepartment);
  const events = useUsageTotals({ departmentCode: code, from: range.from, to: range.to }, can.readUsage(me) && ownDepartment);
  const useCases = useUseCases({}, can.readUseCases(me));
  const training = useTrainingNeeds({ departmentCode: code }, can.readTraining(me));

  const wave = waves.data?.filter((w) => w.departmentCodes.includes(code)).sort((a, b) => b.sequence - a.sequence)[0];
  const deptKpis = kpis.data?.departments.find((d) => d.code === code);
  const name = department.data?.name ?? deptKpis?.name ?? code;

  const usage = events.data?.rows ?? [];
  const titles = new Map((useCases.data ?? []).map((u) => [u.code, u.title]));
  const applicable = useApplicableUseCases(code).data;
  const last = deptKpis ? deptKpis.periods[lastCompleteIndex(deptKpis.periods)] : undefined;

  return (
    <>
      <p className="no-print">
        <Link to={`/${window.location.search}`}>← {t('nav.overview')}</Link> · <Link to="/departments">{t('nav.departments')}</Link>
      </p>
      <PageHeader
        title={t('department.title', { name })}
        intro={
          department.data
            ? t('common.labelValue', { label: t('kpi.headcount'), value: formatNumber(department.data.headcount, locale) })
            : undefined
        }
      />
      <RangeControls range={range} onChange={setRange} />
      <Card title={t('department.depthVsTarget')} id="depth">
        {wave ? (
          <p className="muted">
            <Link to={`/waves/${encodeURIComponent(wave.code)}`}>{wave.name}</Link> ·{' '}
            {tx(`waves.status.${wave.status}`, wave.status)} · {t('department.target')} {formatPercent(wave.targetDepth, locale)} ·{' '}
            {formatDate(wave.plannedEnd, locale)}
          </p>
        ) : (
          can.readWaves(me) && waves.isSuccess && <p className="muted">{t('department.noWave')}</p>
        )}
        <QueryView query={kpis} compact>
          {(data) =>
            deptKpis ? (
              <>
                <StaleNotice stale={data.stale} computedAt={data.computedAt} />
                {last && (
                  <p>
                    <span className="muted">{formatPeriod(last.period, locale)} · </span>
                    {last.suppressed ? (
                      <Badge>{t('common.suppressed')}</Badge>
                    ) : (
                      <>
                        <strong>{formatPercent(last.depth, locale)}</strong> ·{' '}
                        {t('kpi.depthHelp', { active: formatNumber(last.activeEmployees, locale), headcount: formatNumber(last.headcount, locale) })} ·{' '}
                        <Trend trend={last.trend} />
                      </>
                    )}
                  </p>
                )}
                <PartialPeriodNote period={last} />
                <DepartmentDepthChart periods={deptKpis.periods} target={wave?.targetDepth ?? null} />
                {last !== deptKpis.periods[deptKpis.periods.length - 1] && <PartialPeriodNote period={deptKpis.periods[deptKpis.periods.length - 1]} />}
              </>
            ) : (
              <Empty />
            )
          }
        </QueryView>
      </Card>

      <Card title={t('tools.departmentTitle')} id="tools">
        <QueryView query={tools} compact>
          {(data) =>
            data ? (
              <ToolsPanel data={data} activeOf={(period) => deptKpis?.periods.find((p) => p.period === period)?.activeEmployees} testId="department-tools" />
            ) : (
              <p className="muted">{t('tools.unavailable')}</p>
            )
          }
        </QueryView>
      </Card>

      <div className="grid grid-2">
        <Card title={t('department.useCases')} id="use-cases">
          {last && !last.suppressed && (
            <p className="muted">{t('common.labelValue', { label: t('kpi.useCasesInUse'), value: formatNumber(last.useCasesInUse, locale) })}</p>
          )}
          {events.isSuccess && usage.length > 0 ? (
            <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('common.useCase')}</th>
                  <th scope="col" className="num">
                    {t('department.uses')}
                  </th>
                  <th scope="col" className="num">
                    {t('kpi.activeEmployees')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {usage.map((u) => (
                  <tr key={u.useCaseCode}>
                    <td>{u.title}</td>
                    <td className="num">{formatNumber(u.uses, locale)}</td>
                    <td className="num">{formatNumber(u.activeEmployees, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            </div>
          ) : !can.readUseCases(me) ? (
            <Empty />
          ) : (
            // Without employee-level usage (executives), the use cases that apply to the department.
            <QueryView query={useCases} compact>
              {() =>
                applicable.length > 0 ? (
                  <ul>
                    {applicable.map((u) => (
                      <li key={u.code}>
                        {u.title} <Badge>{tx(`useCaseStatus.${u.status}`, u.status)}</Badge>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <Empty />
                )
              }
            </QueryView>
          )}
        </Card>

        {can.readChampions(me) && (
          <Card title={t('department.champions')} id="champions">
            <QueryView query={champions} compact>
              {(items) =>
                items.length === 0 ? (
                  <Empty>{t('department.noChampion')}</Empty>
                ) : (
                  <ul className="checklist">
                    {items.map((c) => (
                      <li key={String(c.id)}>
                        <strong>{c.displayName}</strong>
                        <Badge tone={toneOf(championTone, c.status)}>{tx(`championStatus.${c.status}`, c.status)}</Badge>
                        {c.since && <span className="muted">{t('champion.since', { date: formatDate(c.since, locale) })}</span>}
                        {c.contact && <span className="muted">{c.contact}</span>}
                      </li>
                    ))}
                  </ul>
                )
              }
            </QueryView>
          </Card>
        )}
      </div>

      {can.readOutcomes(me) && ownDepartment && (
        <Card title={t('department.outcomes')} id="outcomes">
          <QueryView query={outcomes} compact>
            {(items) =>
              items.length === 0 ? (
                <Empty />
              ) : (
                <div className="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('common.date')}</th>
                        <th scope="col">{t('common.useCase')}</th>
                        <th scope="col" className="num">
                          {t('kpi.ticketsAvoided')}
                        </th>
                        <th scope="col" className="num">
                          {t('kpi.employeesHelped')}
                        </th>
                        <th scope="col" className="num">
                          {t('department.satisfaction')}
                        </th>
                        <th scope="col">{t('department.blockers')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {[...items]
                        .sort((a, b) => b.occurredOn.localeCompare(a.occurredOn))
                        .map((o, i) => (
                          <tr key={o.reportId ?? i}>
                            <td>{formatDate(o.occurredOn, locale)}</td>
                            <td>{o.useCaseCode ? (titles.get(o.useCaseCode) ?? o.useCaseCode) : '–'}</td>
                            <td className="num">{formatNumber(o.ticketsAvoided, locale)}</td>
                            <td className="num">{formatNumber(o.employeesHelped, locale)}</td>
                            <td className="num">{o.satisfaction == null ? '–' : `${o.satisfaction}/5`}</td>
                            <td>
                              {o.blockers ? <Badge tone="warn">{o.blockers}</Badge> : ''}
                              {o.note && <div className="muted">{o.note}</div>}
                            </td>
                          </tr>
                        ))}
                    </tbody>
                  </table>
                </div>
              )
            }
          </QueryView>
        </Card>
      )}

      {can.readTraining(me) && (
        <Card title={t('department.training')} id="training">
          <QueryView query={training} compact>
            {({ departments: needs, generalModule }) => {
              const n = needs.find((x) => x.departmentCode === code) ?? needs[0];
              if (!n) return <Empty />;
              const coverage = n.headcount && n.trained != null ? n.trained / n.headcount : null;
              return (
                <>
                  <p>
                    <strong>{formatPercent(coverage, locale, 0)}</strong> ·{' '}
                    {t('common.labelValue', { label: t('department.trained'), value: formatNumber(n.trained, locale) })} ·{' '}
                    {t('common.labelValue', { label: t('department.untrained'), value: formatNumber(n.untrained, locale) })}
                  </p>
                  <div className="progress" role="img" aria-label={`${t('department.trained')} ${formatPercent(coverage, locale, 0)}`}>
                    <span style={{ width: `${(coverage ?? 0) * 100}%` }} />
                  </div>
                  {n.missingModules.length > 0 && (
                    <>
                      <h3>{t('department.missingModules')}</h3>
                      <ul>
                        {n.missingModules.map((m) => (
                          <li key={m.moduleCode}>
                            {m.moduleCode === generalModule ? t('training.generalModule') : m.title || titles.get(m.moduleCode) || m.moduleCode} — {t('department.employeesMissing', { n: formatNumber(m.employeesMissing, locale) })}
                          </li>
                        ))}
                      </ul>
                    </>
                  )}
                </>
              );
            }}
          </QueryView>
        </Card>
      )}
    </>
  );
}
