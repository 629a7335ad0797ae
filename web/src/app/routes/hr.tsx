import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { useCurrentUser } from '@/lib/auth/current-user';
import { can } from '@/lib/auth/access';
import { api, downloadCsv } from '@/lib/api/client';
import { formatNumber, formatPercent } from '@/lib/format';
import { Card, Empty, PageHeader, QueryView } from '@/components/ui';
import { ErrorView } from '@/components/ErrorView';
import { useDepartments } from '@/lib/api/departments';
import { useWaves } from '@/lib/api/waves';
import { ImportPanel } from '@/features/imports/components/ImportPanel';
import { useEmployeeTrainingNeeds, useTrainingNeeds } from '@/features/hr/api/get-training-needs';

export default function HrRoute() {
  const { t, tx, locale } = useI18n();
  const me = useCurrentUser();
  const [departmentCode, setDepartmentCode] = useState('');
  const [waveCode, setWaveCode] = useState('');
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const departments = useDepartments();
  const waves = useWaves(can.readWaves(me));
  const needs = useTrainingNeeds({ departmentCode, waveCode });
  const employees = useEmployeeTrainingNeeds({ departmentCode }, !!departmentCode);
  const names = new Map((departments.data ?? []).map((d) => [d.code, d.name]));

  const csv = { headers: { Accept: 'text/csv' }, parseAs: 'text' } as const;
  const download = (call: () => Promise<{ data?: unknown }>, name: string) => {
    setDownloadError(null);
    downloadCsv(call, name).catch(setDownloadError);
  };

  return (
    <>
      <PageHeader title={t('hr.title')} intro={t('hr.intro')} />
      <Card>
        <div className="filters">
          <div className="field">
            <label htmlFor="hr-department">{t('common.department')}</label>
            <select id="hr-department" value={departmentCode} onChange={(e) => setDepartmentCode(e.target.value)}>
              <option value="">{t('common.all')}</option>
              {(departments.data ?? []).map((d) => (
                <option key={d.code} value={d.code}>
                  {d.name}
                </option>
              ))}
            </select>
          </div>
          {can.readWaves(me) && (
            <div className="field">
              <label htmlFor="hr-wave">{t('hr.wave')}</label>
              <select id="hr-wave" value={waveCode} onChange={(e) => setWaveCode(e.target.value)}>
                <option value="">{t('common.all')}</option>
                {(waves.data ?? []).map((w) => (
                  <option key={w.code} value={w.code}>
                    {w.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <button type="button" className="btn" onClick={() => download(() => api.GET('/api/v1/training-needs', { params: { query: { departmentCode, waveCode } }, ...csv }), 'training-needs.csv')}>
            {t('common.downloadCsv')}
          </button>
        </div>
        {downloadError != null && <ErrorView error={downloadError} compact />}
        <QueryView query={needs} compact>
          {({ departments: items, generalModule }) =>
            items.length === 0 ? (
              <Empty />
            ) : (
              <div className="table-wrap">
                <table data-testid="training-needs">
                  <thead>
                    <tr>
                      <th scope="col">{t('common.department')}</th>
                      <th scope="col" className="num">
                        {t('kpi.headcount')}
                      </th>
                      <th scope="col" className="num">
                        {t('hr.active')}
                      </th>
                      <th scope="col" className="num">
                        {t('hr.trained')}
                      </th>
                      <th scope="col" className="num">
                        {t('hr.untrained')}
                      </th>
                      <th scope="col" className="num">
                        {t('kpi.depth')}
                      </th>
                      <th scope="col">{t('hr.modules')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((n) => (
                      <tr key={n.departmentCode}>
                        <td>
                          <button type="button" className="btn-link" onClick={() => setDepartmentCode(n.departmentCode)}>
                            {n.name || names.get(n.departmentCode) || n.departmentCode}
                          </button>
                        </td>
                        <td className="num">{formatNumber(n.headcount, locale)}</td>
                        <td className="num">{n.suppressed ? t('common.suppressed') : formatNumber(n.active, locale)}</td>
                        <td className="num">{formatNumber(n.trained, locale)}</td>
                        <td className="num">{formatNumber(n.untrained, locale)}</td>
                        <td className="num">{n.suppressed ? t('common.suppressed') : formatPercent(n.depth, locale)}</td>
                        <td>
                          {n.missingModules.length === 0
                            ? '–'
                            : n.missingModules.map((m) => (
                                <div key={m.moduleCode}>
                                  {m.moduleCode === generalModule ? t('training.generalModule') : m.title || m.moduleCode} <span className="muted">({formatNumber(m.employeesMissing, locale)})</span>
                                </div>
                              ))}
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
      {departmentCode && (
        <Card
          title={`${t('hr.employees')} — ${names.get(departmentCode) ?? departmentCode}`}
          id="employees"
          actions={
            <button type="button" className="btn btn-small" onClick={() => download(() => api.GET('/api/v1/training-needs/employees', { params: { query: { departmentCode } }, ...csv }), `training-needs-${departmentCode}.csv`)}>
              {t('common.downloadCsv')}
            </button>
          }
        >
          <p className="no-print">
            <Link to={`/departments/${encodeURIComponent(departmentCode)}`}>{names.get(departmentCode) ?? departmentCode} →</Link>
          </p>
          <QueryView query={employees} compact>
            {(items) =>
              items.length === 0 ? (
                <Empty />
              ) : (
                <div className="table-wrap">
                  <table data-testid="employee-needs">
                    <thead>
                      <tr>
                        <th scope="col">{t('hr.employeeKey')}</th>
                        <th scope="col">{t('hr.tier')}</th>
                        <th scope="col">{t('hr.modules')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {items.map((e) => (
                        <tr key={e.employeeKey}>
                          <td>
                            <code>{e.employeeKey}</code>
                          </td>
                          <td>{e.tier ? tx(`tier.${e.tier}`, e.tier) : <span className="muted">{t('hr.tierNone')}</span>}</td>
                          <td>{e.missingModules.join(', ') || '–'}</td>
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
      {can.importHr(me) && (
        <Card title={t('admin.imports')} id="hr-import">
          <ImportPanel kinds={['trainings', 'employees']} intro={t('championWs.importIntro')} />
        </Card>
      )}
    </>
  );
}
