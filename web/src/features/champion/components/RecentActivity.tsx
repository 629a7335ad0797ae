import { useMemo } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { formatDate, formatNumber, toIsoDate } from '@/lib/format';
import type { UseCase } from '@/lib/api/types';
import { Empty, QueryView } from '@/components/ui';
import { useUsageEvents } from '../api/activity';

/** What was logged for the department in the last four weeks, by day and use case: a check after saving. */
export function RecentActivity({ departmentCode, useCases }: { departmentCode: string; useCases: UseCase[] }) {
  const { t, locale } = useI18n();
  const from = useMemo(() => toIsoDate(new Date(Date.now() - 28 * 864e5)), []);
  const events = useUsageEvents({ departmentCode, from });
  const titles = new Map(useCases.map((u) => [u.code, u.title]));
  return (
    <QueryView query={events} compact>
      {(items) => {
        const rows = new Map<string, { date: string; useCase: string; uses: number; employees: Set<string> }>();
        for (const e of items) {
          const key = `${e.occurredOn}|${e.useCaseCode}`;
          const r = rows.get(key) ?? { date: e.occurredOn, useCase: e.useCaseCode, uses: 0, employees: new Set<string>() };
          r.uses += e.uses;
          r.employees.add(e.employeeKey);
          rows.set(key, r);
        }
        const list = [...rows.values()].sort((a, b) => b.date.localeCompare(a.date) || a.useCase.localeCompare(b.useCase)).slice(0, 30);
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
                  <tr key={`${r.date}|${r.useCase}`}>
                    <td>{formatDate(r.date, locale)}</td>
                    <td>{titles.get(r.useCase) ?? r.useCase}</td>
                    <td className="num">{formatNumber(r.employees.size, locale)}</td>
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
