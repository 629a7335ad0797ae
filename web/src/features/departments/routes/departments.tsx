import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { formatNumber, formatPercent } from '@/lib/format';
import { Card, Empty, PageHeader, QueryView } from '@/components/ui';
import { Trend } from '@/components/Trend';
import { useDepartmentKpis } from '@/features/kpis/api/get-kpis';
import { defaultRange } from '@/features/kpis/range';
import { useDepartments } from '../api/get-departments';

export default function DepartmentsRoute() {
  const { t, locale } = useI18n();
  const departments = useDepartments();
  // The latest month's depth and trend beside each department, when KPIs are available.
  const kpis = useDepartmentKpis(defaultRange('month'));
  const latest = new Map(
    (kpis.data?.departments ?? []).map((d) => [d.code, d.periods[d.periods.length - 1]] as const).filter(([, p]) => p != null),
  );
  return (
    <>
      <PageHeader title={t('departments.title')} intro={t('departments.intro')} />
      <Card>
        <QueryView query={departments}>
          {(items) =>
            items.length === 0 ? (
              <Empty />
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('common.code')}</th>
                      <th scope="col">{t('common.name')}</th>
                      <th scope="col" className="num">
                        {t('departments.headcount')}
                      </th>
                      <th scope="col" className="num">
                        {t('kpi.depth')}
                      </th>
                      <th scope="col">{t('kpi.sustainability')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((d) => (
                      <tr key={d.code}>
                        <td>
                          <code>{d.code}</code>
                        </td>
                        <td>
                          <Link to={`/departments/${encodeURIComponent(d.code)}`}>{d.name}</Link>
                        </td>
                        <td className="num">{formatNumber(d.headcount, locale)}</td>
                        <td className="num">
                          {latest.get(d.code)?.suppressed ? <span className="muted">{t('common.suppressed')}</span> : formatPercent(latest.get(d.code)?.depth, locale)}
                        </td>
                        <td>{latest.get(d.code)?.suppressed ? null : <Trend trend={latest.get(d.code)?.trend} />}</td>
                      </tr>
                    ))}
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
