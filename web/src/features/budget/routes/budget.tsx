import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '@/lib/i18n/i18n';
import { formatCurrency, formatDate, formatNumber, formatPercent, formatPeriod } from '@/lib/format';
import { Badge, Card, Empty, PageHeader, QueryView } from '@/components/ui';
import { KpiCard } from '@/components/KpiCard';
import { ChartTable } from '@/components/ChartTable';
import { series } from '@/components/heat';
import { useBudgetLines, useBudgetSummary, useSpendByLine, type BudgetGroupBy } from '@/features/budget/api/get-budget';
import { FullScale } from '@/features/budget/components/FullScale';

const groups: BudgetGroupBy[] = ['category', 'wave', 'month', 'line'];

export default function BudgetRoute() {
  const { t, tx, locale } = useI18n();
  const [groupBy, setGroupBy] = useState<BudgetGroupBy>('category');
  const summary = useBudgetSummary(groupBy);
  const lines = useBudgetLines();
  const spend = useSpendByLine();
  const currency = summary.data?.currency ?? 'EUR';
  const money = (v: number | null | undefined) => formatCurrency(v, locale, currency);
  const actualByLine = new Map((spend.data?.rows ?? []).map((r) => [r.key, r.amount]));
  const lineNames = new Map((lines.data ?? []).map((l) => [l.code, l.name]));
  const groupLabel = (key: string) =>
    groupBy === 'category' ? tx(`category.${key}`, key) : groupBy === 'month' ? formatPeriod(key, locale) : groupBy === 'line' ? (lineNames.get(key) ?? key) : key;

  return (
    <>
      <PageHeader title={t('budget.title')} intro={t('budget.intro')} />
      <QueryView query={summary}>
        {(s) => {
          const over = s.totals.variance > 0;
          const idle = s.idleSeats.lines.reduce((a, l) => a + (l.idle ?? 0), 0);
          const held = s.idleSeats.lines.reduce((a, l) => a + (l.seatsHeld ?? 0), 0);
          const data = s.rows.map((r) => ({ label: groupLabel(r.key), planned: r.planned, actual: r.actual }));
          return (
            <>
              <p className="muted">{t('budget.range', { from: formatDate(s.from, locale), to: formatDate(s.to, locale) })}</p>
              <div className="grid grid-kpis">
                <KpiCard testId="budget-planned" title={t('budget.planned')} value={money(s.totals.planned)} />
                <KpiCard
                  testId="budget-actual"
                  title={t('budget.actual')}
                  value={money(s.totals.actual)}
                  sub={
                    <>
                      {t('common.labelValue', { label: t('budget.variance'), value: `${money(s.totals.variance)} (${formatPercent(s.totals.varianceRatio, locale, 0)})` })}{' '}
                      {over && <Badge tone="bad">{t('budget.overrun')}</Badge>}
                    </>
                  }
                />
                <KpiCard
                  testId="budget-per-active"
                  title={t('budget.costPerActive')}
                  value={money(s.totals.costPerActiveEmployee)}
                  sub={t('kpi.depthHelp', { active: formatNumber(s.totals.activeEmployees, locale), headcount: formatNumber(s.totals.headcount, locale) })}
                />
                <KpiCard testId="budget-per-employee" title={t('budget.costPerEmployeeYear')} value={money(s.totals.costPerEmployeePerYear)} />
                <KpiCard
                  testId="budget-idle"
                  title={t('budget.idleSeats')}
                  value={formatNumber(idle, locale)}
                  sub={
                    <>
                      {t('budget.idleSeatsHelp', { idle: formatNumber(idle, locale), held: formatNumber(held, locale) })}
                      <br />
                      {t('budget.idleYearly', { amount: money(s.idleSeats.yearlyCost) })}
                    </>
                  }
                />
              </div>
              <div className="grid grid-2">
                <Card
                  title={t('budget.plannedVsActual')}
                  id="planned-actual"
                  actions={
                    <div className="field no-print">
                      <label htmlFor="budget-group">{t('budget.groupBy')}</label>
                      <select id="budget-group" value={groupBy} onChange={(e) => setGroupBy(e.target.value as BudgetGroupBy)}>
                        {groups.map((g) => (
                          <option key={g} value={g}>
                            {t(`budget.group.${g}`)}
                          </option>
                        ))}
                      </select>
                    </div>
                  }
                >
                  {data.length === 0 ? (
                    <Empty />
                  ) : (
                    <>
                      <div style={{ width: '100%', height: 260 }} aria-hidden="true">
                        <ResponsiveContainer>
                          <BarChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
                            <CartesianGrid stroke="#e6e9ec" />
                            <XAxis dataKey="label" tick={{ fontSize: 11 }} interval={0} angle={data.length > 6 ? -30 : 0} textAnchor={data.length > 6 ? 'end' : 'middle'} height={data.length > 6 ? 60 : 30} />
                            <YAxis tickFormatter={(v: number) => money(v)} tick={{ fontSize: 11 }} width={84} />
                            <Tooltip formatter={(v: unknown) => money(Number(v))} />
                            <Legend />
                            <Bar isAnimationActive={false} dataKey="planned" name={t('budget.planned')} fill={series.sky} />
                            <Bar isAnimationActive={false} dataKey="actual" name={t('budget.actual')} fill={series.blue} />
                          </BarChart>
                        </ResponsiveContainer>
                      </div>
                      <ChartTable
                        caption={t('budget.plannedVsActual')}
                        headers={[t(`budget.group.${groupBy}`), t('budget.planned'), t('budget.actual'), t('budget.variance')]}
                        rows={s.rows.map((r) => [groupLabel(r.key), money(r.planned), money(r.actual), `${money(r.variance)} (${formatPercent(r.varianceRatio, locale, 0)})`])}
                      />
                    </>
                  )}
                </Card>
                <Card title={t('budget.projection')} id="projection">
                  <FullScale summary={s} />
                </Card>
              </div>
              {s.idleSeats.lines.length > 0 && (
                <Card title={t('budget.idleLines', { days: s.idleSeats.windowDays })} id="idle-seats">
                  <div className="table-wrap">
                    <table data-testid="idle-seats">
                      <thead>
                        <tr>
                          <th scope="col">{t('budget.lines')}</th>
                          <th scope="col">{t('budget.scope')}</th>
                          <th scope="col" className="num">
                            {t('budget.seatsHeld')}
                          </th>
                          <th scope="col" className="num">
                            {t('budget.idle')}
                          </th>
                          <th scope="col" className="num">
                            {t('budget.yearlyCost')}
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {s.idleSeats.lines.map((l) => (
                          <tr key={l.lineCode + l.scope}>
                            <td>{l.name}</td>
                            <td>{l.scope}</td>
                            <td className="num">{formatNumber(l.seatsHeld, locale)}</td>
                            <td className="num">
                              {formatNumber(l.idle, locale)} ({formatPercent(l.seatsHeld && l.idle != null ? l.idle / l.seatsHeld : null, locale, 0)})
                            </td>
                            <td className="num">{money(l.yearlyCost)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </Card>
              )}
            </>
          );
        }}
      </QueryView>
      <Card title={t('budget.lines')} id="lines">
        <QueryView query={lines} compact>
          {(items) =>
            items.length === 0 ? (
              <Empty />
            ) : (
              <div className="table-wrap">
                <table data-testid="budget-lines">
                  <thead>
                    <tr>
                      <th scope="col">{t('common.name')}</th>
                      <th scope="col">{t('budget.category')}</th>
                      <th scope="col">{t('budget.pricing')}</th>
                      <th scope="col" className="num">
                        {t('budget.unitPrice')}
                      </th>
                      <th scope="col" className="num">
                        {t('budget.units')}
                      </th>
                      <th scope="col" className="num">
                        {t('budget.planned')}
                      </th>
                      <th scope="col" className="num">
                        {t('budget.actual')}
                      </th>
                      <th scope="col" style={{ width: '14%' }}>
                        %
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((l) => {
                      const actual = actualByLine.get(l.code) ?? 0;
                      const share = l.plannedAmount ? actual / l.plannedAmount : null;
                      return (
                        <tr key={l.code}>
                          <td>
                            {l.name} <code className="muted">{l.code}</code>
                            <div className="muted kpi-sub">
                              {[l.waveCode, l.departmentCode].filter(Boolean).join(' · ')} {formatDate(l.periodStart, locale)} → {formatDate(l.periodEnd, locale)}
                            </div>
                          </td>
                          <td>{tx(`category.${l.category}`, l.category)}</td>
                          <td>{tx(`pricing.${l.pricingModel}`, l.pricingModel)}</td>
                          <td className="num">{formatCurrency(l.unitPrice, locale, currency, l.unitPrice < 10 ? 2 : 0)}</td>
                          <td className="num">{formatNumber(l.plannedUnits, locale)}</td>
                          <td className="num">{money(l.plannedAmount)}</td>
                          <td className="num">{money(actual)}</td>
                          <td>
                            <div className="progress" aria-hidden="true">
                              <span style={{ width: `${Math.min(1, share ?? 0) * 100}%`, background: share != null && share > 1 ? series.vermillion : undefined }} />
                            </div>
                            <span className="kpi-sub">
                              {formatPercent(share, locale, 0)} {share != null && share > 1 && <Badge tone="bad">{t('budget.overrun')}</Badge>}
                            </span>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )
          }
        </QueryView>
      </Card>
    </>
  );
}
