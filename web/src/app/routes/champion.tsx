import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { useCurrentUser } from '@/lib/auth/current-user';
import { Card, Empty, PageHeader, QueryView } from '@/components/ui';
import { useDepartments } from '@/lib/api/departments';
import { useApplicableUseCases, useUseCases } from '@/lib/api/use-cases';
import { ImportPanel } from '@/features/imports/components/ImportPanel';
import { LogWeekForm } from '@/features/champion/components/LogWeekForm';
import { OutcomeForm } from '@/features/champion/components/OutcomeForm';
import { RecentActivity } from '@/features/champion/components/RecentActivity';
import { DepartmentFigures } from '@/features/champion/components/DepartmentFigures';

export default function ChampionRoute() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const departments = useDepartments();
  const useCases = useUseCases();
  const own = me.role === 'admin' ? (departments.data ?? []).map((d) => d.code) : me.departmentCodes;
  const [chosen, setChosen] = useState<string | null>(null);
  const department = chosen && own.includes(chosen) ? chosen : own[0];
  const names = new Map((departments.data ?? []).map((d) => [d.code, d.name]));
  const usable = useApplicableUseCases(department ?? '').data;

  return (
    <>
      <PageHeader title={t('championWs.title')} intro={t('championWs.intro')} />
      {own.length === 0 ? (
        departments.isPending ? null : <Empty>{t('error.forbiddenDepartment')}</Empty>
      ) : (
        <>
          <div className="filters">
            <div className="field">
              <label htmlFor="champion-department">{t('championWs.yourDepartments')}</label>
              <select id="champion-department" value={department} onChange={(e) => setChosen(e.target.value)}>
                {own.map((c) => (
                  <option key={c} value={c}>
                    {names.get(c) ?? c}
                  </option>
                ))}
              </select>
            </div>
            <Link to={`/departments/${encodeURIComponent(department!)}`}>{names.get(department!) ?? department} →</Link>
          </div>
          <Card title={t('championWs.figures', { department: names.get(department!) ?? department! })} id="figures">
            <DepartmentFigures departmentCode={department!} />
          </Card>
          <Card title={t('championWs.logWeek')} id="log-week">
            <QueryView query={useCases} compact>
              {() => <LogWeekForm key={department} departmentCode={department!} useCases={usable} />}
            </QueryView>
          </Card>
          <Card title={t('championWs.recent')} id="recent">
            <RecentActivity departmentCode={department!} />
          </Card>
          <Card title={t('championWs.outcome')} id="outcome">
            <OutcomeForm key={department} departmentCode={department!} useCases={usable} />
          </Card>
        </>
      )}
      <Card title={t('championWs.import')} id="import">
        <ImportPanel kinds={['usage-events', 'outcomes']} intro={t('championWs.importIntro')} />
      </Card>
    </>
  );
}
