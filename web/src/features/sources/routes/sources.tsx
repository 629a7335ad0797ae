import { useI18n } from '@/lib/i18n/i18n';
import { ApiError } from '@/lib/api/client';
import { Card, QueryView } from '@/components/ui';
import { ErrorView } from '@/components/ErrorView';
import { useCollectors, useSources } from '@/lib/api/sources';
import { SourceUpload } from '@/features/sources/components/SourceUpload';
import { FreshnessTable } from '@/features/sources/components/FreshnessTable';
import { Collectors } from '@/features/sources/components/Collectors';

/** Admin → Sources: the AI tools' exports uploaded by hand, their freshness, and the collectors that fetch them. */
export default function SourcesPanel() {
  const { t } = useI18n();
  const sources = useSources();
  const collectors = useCollectors();
  return (
    <>
      <Card title={t('sources.uploadTitle')} id="source-upload">
        <SourceUpload />
      </Card>
      <Card title={t('sources.freshness')} id="freshness">
        <p className="muted">{t('sources.freshnessIntro')}</p>
        <QueryView query={sources} compact>
          {(items) => <FreshnessTable sources={items} />}
        </QueryView>
      </Card>
      <Card title={t('collectors.title')} id="collectors">
        <p className="muted">{t('collectors.intro')}</p>
        {collectors.isError && collectors.error instanceof ApiError && collectors.error.status === 404 ? (
          <p className="muted">{t('collectors.unavailable')}</p>
        ) : collectors.isError ? (
          <ErrorView error={collectors.error} onRetry={() => collectors.refetch()} compact />
        ) : (
          <QueryView query={collectors} compact>
            {(items) => <Collectors collectors={items} />}
          </QueryView>
        )}
      </Card>
    </>
  );
}
