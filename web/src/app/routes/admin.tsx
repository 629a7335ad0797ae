import { lazy, Suspense } from 'react';
import { useSearchParams } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { importKinds } from '@/features/imports/api/run-import';
import { Card, Loading, PageHeader } from '@/components/ui';
import { Tabs } from '@/components/Tabs';
import { ImportPanel } from '@/features/imports/components/ImportPanel';
import { JobRuns } from '@/features/admin/components/JobRuns';
import { Tokens } from '@/features/admin/components/Tokens';
import { SettingsForm } from '@/features/admin/components/SettingsForm';
import { AuditLog } from '@/features/admin/components/AuditLog';

// Sources and identities are their own chunks: most visits to Admin never open them.
const SourcesPanel = lazy(() => import('@/features/sources/routes/sources'));
const IdentitiesPanel = lazy(() => import('@/features/identities/routes/identities'));

type Tab = 'imports' | 'sources' | 'identities' | 'jobs' | 'tokens' | 'settings' | 'audit';
const tabIds: Tab[] = ['imports', 'sources', 'identities', 'jobs', 'tokens', 'settings', 'audit'];

export default function AdminRoute() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = (tabIds.includes(params.get('tab') as Tab) ? params.get('tab') : 'imports') as Tab;
  const labels = {
    imports: t('admin.imports'),
    sources: t('admin.sources'),
    identities: t('admin.identities'),
    jobs: t('admin.jobs'),
    tokens: t('admin.tokens'),
    settings: t('admin.settings'),
    audit: t('admin.audit'),
  };
  return (
    <>
      <PageHeader title={t('admin.title')} />
      <Tabs label={t('admin.tab')} tabs={tabIds.map((id) => ({ id, label: labels[id] }))} selected={tab} onSelect={(id) => setParams({ tab: id }, { replace: true })}>
        {tab === 'sources' || tab === 'identities' ? (
          <Suspense fallback={<Loading />}>{tab === 'sources' ? <SourcesPanel /> : <IdentitiesPanel />}</Suspense>
        ) : (
          <Card title={labels[tab]}>
            {tab === 'imports' && <ImportPanel kinds={importKinds} intro={t('championWs.importIntro')} />}
            {tab === 'jobs' && <JobRuns />}
            {tab === 'tokens' && <Tokens />}
            {tab === 'settings' && <SettingsForm />}
            {tab === 'audit' && <AuditLog />}
          </Card>
        )}
      </Tabs>
    </>
  );
}
