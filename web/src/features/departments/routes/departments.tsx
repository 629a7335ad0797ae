import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { formatNumber } from '@/lib/format';
import { Card, Empty, PageHeader, QueryView } from '@/components/ui';
import { useDepartments } from '../api/get-departments';

export default function DepartmentsRoute() {
  const { t, locale } = useI18n();
  const departments = useDepartments();
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
