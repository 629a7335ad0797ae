import { Link, useParams } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { useCurrentUser } from '@/app/current-user';
import { can } from '@/app/access';
import { formatDate, formatNumber, formatPercent } from '@/lib/format';
import { Badge, Card, Empty, PageHeader, QueryView } from '@/components/ui';
import { useDepartments } from '@/features/departments/api/get-departments';
import { useProgress, useReadiness, useWave } from '../api/get-waves';
import { normaliseProgress, normaliseReadiness } from '../api/normalise';
import { GateReviewForm } from '../components/GateReviewForm';
import { decisionTone } from '../components/decision';

export default function WaveRoute() {
  const { code = '' } = useParams();
  const { t, locale } = useI18n();
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
              intro={`${t(`waves.kind.${w.kind}`)} · ${t(`waves.status.${w.status}`)} · ${formatDate(w.plannedStart, locale)} → ${formatDate(w.plannedEnd, locale)}`}
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
                  {(raw) => {
                    const r = normaliseReadiness(raw);
                    if (r.items.length === 0) return <Empty />;
                    return (
                      <>
                        <p>
                          <Badge tone={r.ready ? 'good' : 'warn'}>{r.ready ? t('waves.ready') : t('waves.notReady')}</Badge>{' '}
                          {t('readiness.summary', { ok: r.items.filter((i) => i.ok).length, total: r.items.length })}
                        </p>
                        <ul className="checklist" data-testid="readiness">
                          {r.items.map((i) => (
                            <li key={i.key}>
                              <span aria-hidden="true" style={{ color: i.ok ? '#00573f' : '#8a3200', fontWeight: 700 }}>
                                {i.ok ? '✓' : '✗'}
                              </span>
                              <span>
                                <span className="sr-only">{i.ok ? t('waves.ready') : t('waves.notReady')} : </span>
                                {i.label ? t(i.label) : i.text}
                                {i.detail && <span className="muted kpi-sub"> — {i.detail}</span>}
                              </span>
                            </li>
                          ))}
                        </ul>
                      </>
                    );
                  }}
                </QueryView>
              </Card>
            </div>
            <Card title={t('waves.progress')} id="progress">
              <QueryView query={progress} compact>
                {(raw) => {
                  const p = normaliseProgress(raw);
                  const rows = p.overall ? [...p.rows, { ...p.overall, name: t('common.total') }] : p.rows;
                  if (rows.length === 0) return <Empty />;
                  return (
                    <div className="table-wrap">
                      <table>
                        <thead>
                          <tr>
                            <th scope="col">{t('common.department')}</th>
                            <th scope="col" className="num">
                              {t('kpi.activeEmployees')}
                            </th>
                            <th scope="col" className="num">
                              {t('waves.current')}
                            </th>
                            <th scope="col" className="num">
                              {t('waves.target')}
                            </th>
                            <th scope="col" style={{ width: '30%' }}>
                              {t('kpi.depth')}
                            </th>
                          </tr>
                        </thead>
                        <tbody>
                          {rows.map((r) => {
                            const target = r.targetDepth ?? w.targetDepth;
                            const share = r.depth != null && target ? Math.min(1, r.depth / target) : 0;
                            return (
                              <tr key={r.code + r.name}>
                                <td>{names.get(r.code) ?? r.name}</td>
                                <td className="num">
                                  {r.suppressed ? t('common.suppressed') : `${formatNumber(r.activeEmployees, locale)} / ${formatNumber(r.headcount, locale)}`}
                                </td>
                                <td className="num">{r.suppressed ? t('common.suppressed') : formatPercent(r.depth, locale)}</td>
                                <td className="num">{formatPercent(target, locale, 0)}</td>
                                <td>
                                  {!r.suppressed && (
                                    <div className="progress" aria-hidden="true">
                                      <span style={{ width: `${share * 100}%`, background: share >= 1 ? '#009e73' : undefined }} />
                                    </div>
                                  )}
                                </td>
                              </tr>
                            );
                          })}
                        </tbody>
                      </table>
                    </div>
                  );
                }}
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
                              <Badge tone={decisionTone[g.decision]}>{t(`decision.${g.decision}`)}</Badge>
                            </td>
                            <td>{g.rationale}</td>
                            <td>{g.decidedBy ?? '–'}</td>
                          </tr>
                        ))}
                    </tbody>
                  </table>
                </div>
              )}
              {can.recordGateReview(me.role) ? <GateReviewForm waveCode={w.code} /> : <p className="muted">{t('waves.onlyExecutives')}</p>}
            </Card>
          </>
        )}
      </QueryView>
    </>
  );
}
