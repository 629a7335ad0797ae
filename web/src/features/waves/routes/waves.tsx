import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { formatDate, formatPercent } from '@/lib/format';
import { Badge, Card, Empty, PageHeader, QueryView, toneOf } from '@/components/ui';
import { useDepartments } from '@/lib/api/departments';
import { useWaves } from '@/lib/api/waves';
import { WavesTimeline } from '@/features/waves/components/WavesTimeline';
import { decisionTone } from '@/features/waves/components/decision';

export default function WavesRoute() {
  const { t, locale, tx } = useI18n();
  const waves = useWaves();
  const departments = useDepartments();
  const names = new Map((departments.data ?? []).map((d) => [d.code, d.name]));
  return (
    <>
      <PageHeader title={t('waves.title')} intro={t('waves.intro')} />
      <QueryView query={waves}>
        {(items) =>
          items.length === 0 ? (
            <Empty />
          ) : (
            <>
              <Card title={t('overview.waves')}>
                <WavesTimeline waves={items} />
              </Card>
              <Card>
                <div className="table-wrap">
                  <table data-testid="waves-table">
                    <thead>
                      <tr>
                        <th scope="col">{t('waves.sequence')}</th>
                        <th scope="col">{t('common.name')}</th>
                        <th scope="col">{t('waves.kind')}</th>
                        <th scope="col">{t('common.status')}</th>
                        <th scope="col">{t('waves.departments')}</th>
                        <th scope="col">{t('waves.dates')}</th>
                        <th scope="col" className="num">
                          {t('waves.targetDepth')}
                        </th>
                        <th scope="col">{t('waves.lastDecision')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {[...items]
                        .sort((a, b) => a.sequence - b.sequence)
                        .map((w) => (
                          <tr key={w.code}>
                            <td className="num">{w.sequence}</td>
                            <td>
                              <Link to={`/waves/${encodeURIComponent(w.code)}`}>{w.name}</Link>
                            </td>
                            <td>{tx(`waves.kind.${w.kind}`, w.kind)}</td>
                            <td>
                              <Badge>{tx(`waves.status.${w.status}`, w.status)}</Badge>
                            </td>
                            <td>{w.departmentCodes.map((c) => names.get(c) ?? c).join(', ')}</td>
                            <td>
                              {formatDate(w.plannedStart, locale)} → {formatDate(w.plannedEnd, locale)}
                            </td>
                            <td className="num">{formatPercent(w.targetDepth, locale, 0)}</td>
                            <td>
                              {w.lastGateReview ? (
                                <>
                                  <Badge tone={toneOf(decisionTone, w.lastGateReview.decision)}>{tx(`decision.${w.lastGateReview.decision}`, w.lastGateReview.decision)}</Badge>{' '}
                                  <span className="muted">{formatDate(w.lastGateReview.decidedOn, locale)}</span>
                                </>
                              ) : (
                                <span className="muted">–</span>
                              )}
                            </td>
                          </tr>
                        ))}
                    </tbody>
                  </table>
                </div>
              </Card>
            </>
          )
        }
      </QueryView>
    </>
  );
}
