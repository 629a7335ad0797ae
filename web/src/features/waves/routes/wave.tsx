import { Link, useParams } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { useCurrentUser } from '@/lib/auth/current-user';
import { can } from '@/lib/auth/access';
import { formatDate, formatNumber, formatPercent } from '@/lib/format';
import { Badge, Card, Empty, PageHeader, QueryView, toneOf } from '@/components/ui';
import { useDepartments } from '@/lib/api/departments';
import { useProgress, useReadiness, useWave } from '@/lib/api/waves';
import { ReadinessChecklist } from '@/features/waves/components/ReadinessChecklist';
import { WaveProgressView } from '@/features/waves/components/WaveProgressView';
import { GateReviewForm } from '@/features/waves/components/GateReviewForm';
import { decisionTone } from '@/features/waves/components/decision';

export default function WaveRoute() {
  const { code = '' } = useParams();
  const { t, locale, tx } = useI18n();
  const me = useCurrentUser();
  const wave = useWave(code);
  const readiness = useReadiness(code);
  const progress = useProgress(code);
  const departments = useDepartments();
  const names = new Map((departments.data ?? []).map((d) => [d.code, d.name]));

  return (
    <>
      <p className="no-print">
        <Link to="/waves">← {t('waves.title')}</Link>
      </p>
      <QueryView query={wave}>
        {(w) => (
          <>
            <PageHeader
              title={w.name}
              intro={`${tx(`waves.kind.${w.kind}`, w.kind)} · ${tx(`waves.status.${w.status}`, w.status)} · ${formatDate(w.plannedStart, locale)} → ${formatDate(w.plannedEnd, locale)}`}
            />
            <div className="grid grid-2">
              <Card title={t('common.details')}>
                <dl className="dl">
                  <dt>{t('waves.departments')}</dt>
                  <dd>
                    {w.departmentCodes.map((c, i) => (
                      <span key={c}>
                        {i > 0 && ', '}
                        <Link to={`/departments/${encodeURIComponent(c)}`}>{names.get(c) ?? c}</Link>
                      </span>
                    ))}
                  </dd>
                  <dt>{t('waves.targetDepth')}</dt>
                  <dd>{formatPercent(w.targetDepth, locale, 0)}</dd>
                  <dt>{t('waves.targetBreadth')}</dt>
                  <dd>{w.targetBreadth == null ? '–' : w.targetBreadth <= 1 ? formatPercent(w.targetBreadth, locale, 0) : formatNumber(w.targetBreadth, locale)}</dd>
                  <dt>{t('waves.sponsor')}</dt>
                  <dd>{w.executiveSponsor ?? '–'}</dd>
                  <dt>{t('waves.owner.technical')}</dt>
                  <dd>{w.technicalOwner ?? '–'}</dd>
                  <dt>{t('waves.owner.adoption')}</dt>
                  <dd>{w.adoptionOwner ?? '–'}</dd>
                  <dt>{t('waves.owner.content')}</dt>
                  <dd>{w.contentOwner ?? '–'}</dd>
                  <dt>{t('waves.owner.governance')}</dt>
                  <dd>{w.governanceOwner ?? '–'}</dd>
                </dl>
              </Card>
              <Card title={t('waves.readiness')} id="readiness">
                <QueryView query={readiness} compact>
                  {(r) => <ReadinessChecklist waveCode={w.code} readiness={r} canConfirm={can.recordGateReview(me)} />}
                </QueryView>
              </Card>
            </div>
            <Card title={t('waves.progress')} id="progress">
              <QueryView query={progress} compact>
                {(p) => <WaveProgressView progress={p} />}
              </QueryView>
            </Card>
            <Card title={t('waves.gateReviews')} id="gate-reviews">
              {(w.gateReviews ?? []).length === 0 ? (
                <Empty>{t('waves.noReview')}</Empty>
              ) : (
                <div className="table-wrap">
                  <table data-testid="gate-reviews">
                    <thead>
                      <tr>
                        <th scope="col">{t('waves.decidedOn')}</th>
                        <th scope="col">{t('waves.decision')}</th>
                        <th scope="col">{t('waves.rationale')}</th>
                        <th scope="col">{t('waves.decidedBy')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {[...(w.gateReviews ?? [])]
                        .sort((a, b) => b.decidedOn.localeCompare(a.decidedOn))
                        .map((g) => (
                          <tr key={String(g.id)}>
                            <td>{formatDate(g.decidedOn, locale)}</td>
                            <td>
                              <Badge tone={toneOf(decisionTone, g.decision)}>{tx(`decision.${g.decision}`, g.decision)}</Badge>
                            </td>
                            <td>{g.rationale}</td>
                            <td>{g.decidedBy ?? '–'}</td>
                          </tr>
                        ))}
                    </tbody>
                  </table>
                </div>
              )}
              {can.recordGateReview(me) ? <GateReviewForm waveCode={w.code} /> : <p className="muted">{t('waves.onlyExecutives')}</p>}
            </Card>
          </>
        )}
      </QueryView>
    </>
  );
}
