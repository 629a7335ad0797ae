import { useI18n } from '@/lib/i18n/i18n';
import { formatDate, formatNumber, formatPercent } from '@/lib/format';
import { Badge, Empty, toneOf } from '@/components/ui';
import { Sparkline } from '@/components/Sparkline';
import type { DepthProjection, WaveProgress } from '@/lib/api/waves';
import { decisionTone } from './decision';
import { waveMessage } from './wave-message';

const projectionTone = { reached: 'good', 'on-track': 'good', late: 'warn', 'not-on-track': 'bad', 'insufficient-data': 'neutral', 'no-target': 'neutral', suppressed: 'neutral' } as const;

function Projection({ p }: { p: DepthProjection }) {
  const { t, tx, locale } = useI18n();
  return (
    <>
      <Badge tone={toneOf(projectionTone, p.status)}>{tx(`projection.${p.status}`, p.status)}</Badge>
      {p.projectedOn && p.status !== 'reached' && <span className="muted kpi-sub"> {t('progress.projectedOn', { date: formatDate(p.projectedOn, locale) })}</span>}
    </>
  );
}

export function WaveProgressView({ progress }: { progress: WaveProgress }) {
  const { t, tx, locale } = useI18n();
  const p = progress;
  const target = p.targetDepth;
  const share = p.depth.ratio != null && target ? Math.min(1, p.depth.ratio / target) : 0;
  return (
    <div data-testid="wave-progress">
      <div className="grid grid-2">
        <div>
          <p className="kpi-value">
            {formatPercent(p.depth.ratio, locale)} <span className="kpi-sub">/ {formatPercent(target, locale, 0)}</span>
          </p>
          <div className="progress" aria-hidden="true">
            <span style={{ width: `${share * 100}%`, background: share >= 1 ? '#009e73' : undefined }} />
          </div>
          <p className="kpi-sub">
            {t('kpi.depthHelp', { active: formatNumber(p.depth.activeEmployees, locale), headcount: formatNumber(p.depth.headcount, locale) })} ·{' '}
            <Projection p={p.depth.projection} />
          </p>
          <p className="muted kpi-sub">
            {p.depth.suppressed || p.depth.projection.status === 'suppressed' ? t('common.suppressedHelp') : waveMessage(p.depth.projection, tx, locale)}
          </p>
          <p className="kpi-sub">
            {t('progress.breadth', {
              adopting: p.breadth.adoptingDepartments,
              departments: p.breadth.departments,
              target: formatPercent(p.breadth.target, locale, 0),
            })}
          </p>
        </div>
        <div className="notice" data-testid="recommendation">
          <strong>
            {t('progress.recommendation')} ({tx(`progress.gate.${p.recommendation.gate}`, p.recommendation.gate)}) :{' '}
          </strong>
          <Badge tone={toneOf(decisionTone, p.recommendation.decision)}>{tx(`decision.${p.recommendation.decision}`, p.recommendation.decision)}</Badge>
          {p.recommendation.reasons.length > 0 && (
            <ul className="kpi-sub">
              {p.recommendation.reasons.map((r, i) => (
                <li key={i}>{waveMessage(r, tx, locale)}</li>
              ))}
            </ul>
          )}
        </div>
      </div>
      {p.departments.length === 0 ? (
        <Empty />
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('common.department')}</th>
                <th scope="col" className="num">
                  {t('kpi.activeEmployees')}
                </th>
                <th scope="col" className="num">
                  {t('kpi.depth')}
                </th>
                <th scope="col" className="num">
                  {t('progress.activationRate')}
                </th>
                <th scope="col" className="num">
                  {t('overview.habitRate')}
                </th>
                <th scope="col">{t('progress.trend')}</th>
                <th scope="col">{t('progress.projection')}</th>
              </tr>
            </thead>
            <tbody>
              {p.departments.map((d) => (
                <tr key={d.code}>
                  <td>{d.name}</td>
                  <td className="num">
                    {d.suppressed ? t('common.suppressed') : `${formatNumber(d.activeEmployees, locale)} / ${formatNumber(d.headcount, locale)}`}
                  </td>
                  <td className="num">{d.suppressed ? t('common.suppressed') : formatPercent(d.depth, locale)}</td>
                  <td className="num">{d.suppressed ? t('common.suppressed') : formatPercent(d.activationRate, locale)}</td>
                  <td className="num">{d.suppressed ? t('common.suppressed') : formatPercent(d.habitRate, locale)}</td>
                  <td>{!d.suppressed && <Sparkline values={d.series.map((w) => w.depth)} width={100} height={24} />}</td>
                  <td>
                    <Projection p={d.projection} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
