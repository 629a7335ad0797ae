import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '@/lib/i18n/i18n';
import { formatCurrency, formatNumber, formatPercent } from '@/lib/format';
import { series } from '@/components/heat';
import { Badge, Empty } from '@/components/ui';
import type { BudgetSummary } from '@/features/budget/api/get-budget';

/** Per-seat against usage-based pricing for the whole organisation at its target depth. */
export function FullScale({ summary }: { summary: BudgetSummary }) {
  const { t, tx, locale } = useI18n();
  const f = summary.fullScale;
  const money = (v: number | null | undefined, digits = 0) => formatCurrency(v, locale, summary.currency, digits);
  const models = [f.perSeat, f.usage].filter((m): m is NonNullable<typeof m> => m != null);
  return (
    <div data-testid="full-scale">
      <p className="muted">
        {t('budget.fullScaleBasis', {
          employees: formatNumber(f.employeesInScope, locale),
          depth: formatPercent(f.targetDepth, locale, 0),
          source: tx(`budget.source.${f.targetDepthSource}`, f.targetDepthSource),
          active: formatNumber(f.activeEmployeesAtTarget, locale),
        })}
        {f.usesPerActiveEmployeePerYear != null && (
          <>
            <br />
            {t('budget.usesPerYear', { uses: formatNumber(f.usesPerActiveEmployeePerYear, locale) })}
          </>
        )}
      </p>
      {models.length === 0 ? (
        <Empty />
      ) : (
        <>
          <div style={{ width: '100%', height: 60 + models.length * 50 }} aria-hidden="true">
            <ResponsiveContainer>
              <BarChart accessibilityLayer={false} data={models.map((m) => ({ label: tx(`pricing.${m.model}`, m.model), cost: m.yearlyCost }))} layout="vertical" margin={{ left: 16, right: 32 }}>
                <CartesianGrid stroke="#e6e9ec" />
                <XAxis type="number" tickFormatter={(v: number) => money(v)} tick={{ fontSize: 12 }} />
                <YAxis type="category" dataKey="label" width={100} tick={{ fontSize: 12 }} />
                <Tooltip formatter={(v: unknown) => money(Number(v))} />
                <Bar isAnimationActive={false} dataKey="cost" name={t('budget.yearlyCost')} fill={series.blue} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('budget.model')}</th>
                  <th scope="col" className="num">
                    {t('budget.unitPrice')}
                  </th>
                  <th scope="col" className="num">
                    {t('budget.units')}
                  </th>
                  <th scope="col" className="num">
                    {t('budget.yearlyCost')}
                  </th>
                  <th scope="col">{t('budget.basis')}</th>
                </tr>
              </thead>
              <tbody>
                {models.map((m) => (
                  <tr key={m.model}>
                    <td>
                      {tx(`pricing.${m.model}`, m.model)} {f.cheaperModel === m.model && <Badge tone="good">✓</Badge>}
                    </td>
                    <td className="num">{money(m.unitPrice, m.unitPrice < 10 ? 3 : 0)}</td>
                    <td className="num">{formatNumber(m.units, locale)}</td>
                    <td className="num">{money(m.yearlyCost)}</td>
                    <td className="kpi-sub">
                      {m.basis.code === 'usage'
                        ? t('budget.basis.usage', {
                            employees: formatNumber(Number(m.basis.employees), locale),
                            depth: formatPercent(Number(m.basis.targetDepth), locale, 0),
                            active: formatNumber(Number(m.basis.activeEmployees), locale),
                            uses: formatNumber(Number(m.basis.usesPerActiveEmployeePerYear), locale),
                            price: money(Number(m.basis.unitPrice), 3),
                          })
                        : t('budget.basis.perSeat', { employees: formatNumber(Number(m.basis.employees), locale), price: money(Number(m.basis.unitPrice), 2) })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <ul className="kpi-sub">
        <li>{t('budget.fixedPerYear', { amount: money(f.fixedPerYear) })}</li>
        {f.cheaperModel && f.yearlySaving != null && <li>{t('budget.cheaper', { model: tx(`pricing.${f.cheaperModel}`, f.cheaperModel), amount: money(f.yearlySaving) })}</li>}
        {f.breakEvenUsesPerActiveEmployeePerYear != null && <li>{t('budget.breakEven', { uses: formatNumber(f.breakEvenUsesPerActiveEmployeePerYear, locale) })}</li>}
      </ul>
    </div>
  );
}
