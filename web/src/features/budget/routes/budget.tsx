import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '@/lib/i18n/i18n';
import { formatCurrency, formatNumber, formatPercent } from '@/lib/format';
import { Badge, Card, Empty, PageHeader, QueryView } from '@/components/ui';
import { KpiCard } from '@/components/KpiCard';
import { ChartTable } from '@/components/ChartTable';
import { series } from '@/components/heat';
import { useCurrency } from '@/features/settings/api/get-settings';
import { useAdoption } from '@/features/kpis/api/get-kpis';
import { defaultRange } from '@/features/kpis/range';
import { useBudgetLines, useBudgetSummary, useSpend } from '../api/get-budget';

export default function BudgetRoute() {
  const { t, tx, locale } = useI18n();
  const currency = useCurrency();
  const summary = useBudgetSummary();
  const lines = useBudgetLines();
  const spend = useSpend();
  const adoption = useAdoption(defaultRange('month'));
  const money = (v: number | null | undefined) => formatCurrency(v, locale, currency);

  const actualByLine = new Map<string, number>();
  for (const s of spend.data ?? []) actualByLine.set(s.budgetLineCode, (actualByLine.get(s.budgetLineCode) ?? 0) + s.amount);
  const seats = adoption.data?.periods[adoption.data.periods.length - 1]?.seats;
  const seatPrice = (lines.data ?? []).find((l) => l.pricingModel === 'per-seat' && l.unitPrice != null)?.unitPrice ?? null;

  return (
    <>
      <PageHeader title={t('budget.title')} intro={t('budget.intro')} />
      <QueryView query={summary}>
        {(s) => {
          const planned = s.planned ?? (lines.data ?? []).reduce((a, l) => a + (l.plannedAmount ?? 0), 0);
          const actual = s.actual ?? [...actualByLine.values()].reduce((a, b) => a + b, 0);
          const over = planned > 0 && actual > planned;
          return (
            <>
              <div className="grid grid-kpis">
                <KpiCard testId="budget-planned" title={t('budget.planned')} value={money(planned)} />
                <KpiCard
                  testId="budget-actual"
                  title={t('budget.actual')}
                  value={money(actual)}
                  sub={
                    <>
                      {formatPercent(planned ? actual / planned : null, locale, 0)} {over && <Badge tone="bad">{t('budget.overrun')}</Badge>}
                    </>
                  }
                />
                <KpiCard testId="budget-per-active" title={t('budget.costPerActive')} value={money(s.costPerActiveEmployee)} />
                <KpiCard testId="budget-per-employee" title={t('budget.costPerEmployeeYear')} value={money(s.costPerEmployeePerYear)} />
                <KpiCard
                  testId="budget-idle"
                  title={t('budget.idleSeats')}
                  value={seats ? formatNumber(seats.idle, locale) : '–'}
                  sub={
                    seats && (
                      <>
                        {t('budget.idleSeatsHelp', { idle: formatNumber(seats.idle, locale), held: formatNumber(seats.held, locale) })}
                        {seatPrice != null && seats.idle > 0 && (
                          <>
                            <br />
                            {t('budget.idleCost', { amount: money(seatPrice * seats.idle) })}
                          </>
                        )}
                      </>
                    )
                  }
                />
              </div>
              <Card title={t('budget.projection')} id="projection">
                {s.projections.length === 0 ? (
                  <Empty />
                ) : (
                  <>
                    <div style={{ width: '100%', height: 220 }} aria-hidden="true">
                      <ResponsiveContainer>
                        <BarChart data={s.projections.map((p) => ({ label: tx(`pricing.${p.pricingModel}`, p.label ?? p.pricingModel), amount: p.amount }))} layout="vertical" margin={{ left: 24, right: 24 }}>
                          <CartesianGrid stroke="#e6e9ec" />
                          <XAxis type="number" tickFormatter={(v: number) => money(v)} tick={{ fontSize: 12 }} />
                          <YAxis type="category" dataKey="label" width={110} tick={{ fontSize: 12 }} />
                          <Tooltip formatter={(v: unknown) => money(Number(v))} />
                          <Legend />
                          <Bar isAnimationActive={false} dataKey="amount" name={t('budget.projection')} fill={series.blue} />
                        </BarChart>
                      </ResponsiveContainer>
                    </div>
                    <ChartTable
                      caption={t('budget.projection')}
                      headers={[t('budget.pricing'), t('budget.projection')]}
                      rows={s.projections.map((p) => [tx(`pricing.${p.pricingModel}`, p.label ?? p.pricingModel), money(p.amount)])}
                    />
                  </>
                )}
              </Card>
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
                      <th scope="col" style={{ width: '15%' }}>
                        %
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((l) => {
                      const actual = l.actual ?? actualByLine.get(l.code) ?? 0;
                      const share = l.plannedAmount ? actual / l.plannedAmount : null;
                      return (
                        <tr key={l.code}>
                          <td>
                            {l.name} <code className="muted">{l.code}</code>
                            {(l.waveCode || l.departmentCode) && <div className="muted kpi-sub">{[l.waveCode, l.departmentCode].filter(Boolean).join(' · ')}</div>}
                          </td>
                          <td>{tx(`category.${l.category}`, l.category)}</td>
                          <td>{tx(`pricing.${l.pricingModel}`, l.pricingModel)}</td>
                          <td className="num">{formatCurrency(l.unitPrice, locale, currency, 2)}</td>
                          <td className="num">{formatNumber(l.plannedUnits, locale)}</td>
                          <td className="num">{money(l.plannedAmount)}</td>
                          <td className="num">{money(actual)}</td>
                          <td>
                            <div className="progress" title={formatPercent(share, locale, 0)}>
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
