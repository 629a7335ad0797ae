import { useState } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { formatDate, formatNumber, toIsoDate } from '@/lib/format';
import { Badge, Empty, QueryView } from '@/components/ui';
import { useUsageTotals } from '@/features/champion/api/activity';

/** What was logged for the department in the last four weeks, by day and use case (added up by the API): a check after saving. */
export function RecentActivity({ departmentCode }: { departmentCode: string }) {
  const { t, locale } = useI18n();
  const [from] = useState(() => toIsoDate(new Date(Date.now() - 28 * 864e5)));
  const totals = useUsageTotals({ departmentCode, from, groupBy: 'day' });
  return (
    <QueryView query={totals} compact>
      {(answer) => {
        if (answer.suppressed) return <Badge>{t('common.suppressed')}</Badge>;
        const list = answer.rows.slice(0, 30);
        if (list.length === 0) return <Empty />;
        return (
          <div className="table-wrap">
            <table data-testid="recent-activity">
              <thead>
                <tr>
                  <th scope="col">{t('common.date')}</th>
                  <th scope="col">{t('common.useCase')}</th>
                  <th scope="col" className="num">
                    {t('kpi.activeEmployees')}
                  </th>
                  <th scope="col" className="num">
                    {t('department.uses')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((r) => (
                  <tr key={`${r.occurredOn}|${r.useCaseCode}`}>
                    <td>{formatDate(r.occurredOn, locale)}</td>
                    <td>{r.title}</td>
                    <td className="num">{formatNumber(r.activeEmployees, locale)}</td>
                    <td className="num">{formatNumber(r.uses, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      }}
    </QueryView>
  );
}
