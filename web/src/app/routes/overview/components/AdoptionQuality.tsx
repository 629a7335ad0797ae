import { useState } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { type AdoptionPeriod } from '@/lib/api/kpis';
import { formatNumber, formatPercent, formatPeriod } from '@/lib/format';
import { series } from '@/components/heat';
import { Empty } from '@/components/ui';
import { lastCompleteIndex } from '@/lib/kpi-range';

const bandColours = { habitual: series.blue, regular: series.sky, occasional: series.orange, nonUser: '#d9d9d9' } as const;
const transitionOrder = ['retained', 'new', 'reactivated', 'lapsed', 'dormant'] as const;

/** Usage bands and habit rate (weeks), transitions, activation, seats. */
export function AdoptionQuality({ periods }: { periods: AdoptionPeriod[] }) {
  const { t, locale } = useI18n();
  const [selected, setSelected] = useState<string | null>(null);
  if (periods.length === 0) return <Empty />;
  const idx = Math.max(0, selected ? periods.findIndex((p) => p.period === selected) : lastCompleteIndex(periods));
  const p = periods[idx];
  const prev = idx > 0 ? periods[idx - 1] : null;
  const bands = p.bands;
  const bandTotal = bands ? bands.habitual + bands.regular + bands.occasional + bands.nonUser : 0;

  return (
    <div className="quality" data-testid="adoption-quality">
      <div className="field" style={{ maxWidth: 260 }}>
        <label htmlFor="quality-period">{t('common.period')}</label>
        <select id="quality-period" value={p.period} onChange={(e) => setSelected(e.target.value)}>
          {periods.map((x) => (
            <option key={x.period} value={x.period}>
              {formatPeriod(x.period, locale)}
            </option>
          ))}
        </select>
      </div>

      <h3>{t('overview.bands')}</h3>
      {bands && bandTotal > 0 ? (
        <>
          <div className="stacked-bar" aria-hidden="true">
            {(Object.keys(bandColours) as (keyof typeof bandColours)[]).map((k) => (
              <span key={k} style={{ width: `${(bands[k] / bandTotal) * 100}%`, background: bandColours[k] }} title={t(`band.${k}`)} />
            ))}
          </div>
          <ul className="legend" aria-label={t('overview.bands')}>
            {(Object.keys(bandColours) as (keyof typeof bandColours)[]).map((k) => (
              <li key={k} style={{ listStyle: 'none' }}>
                <span className="legend-swatch" style={{ background: bandColours[k] }} />
                {t('common.labelValue', { label: t(`band.${k}`), value: `${formatNumber(bands[k], locale)} (${formatPercent(bands[k] / bandTotal, locale, 0)})` })}
              </li>
            ))}
          </ul>
          <p>
            {t('common.labelValue', { label: t('overview.habitRate'), value: formatPercent(p.habitRate, locale) })}
          </p>
        </>
      ) : (
        <p className="muted">{bands ? t('common.empty') : t('overview.bandsMonthOnly')}</p>
      )}

      <h3>{t('overview.transitions', { from: prev ? formatPeriod(prev.period, locale) : '–', to: formatPeriod(p.period, locale) })}</h3>
      {p.transitions && (
      <div className="table-wrap">
        <table>
          <tbody>
            <tr>
              {transitionOrder.map((k) => (
                <th key={k} scope="col" className="num">
                  {t(`transition.${k}`)}
                </th>
              ))}
            </tr>
            <tr>
              {transitionOrder.map((k) => (
                <td key={k} className="num">
                  {formatNumber(p.transitions![k], locale)}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      )}

      <div className="grid grid-2" style={{ marginTop: '0.75rem' }}>
        {p.activation && (
        <div>
          <h3>{t('overview.activation')}</h3>
          <p className="kpi-value">{formatPercent(p.activation.rate, locale)}</p>
          <p className="kpi-sub">
            {t('overview.activationHelp', {
              activated: formatNumber(p.activation.activated, locale),
              eligible: formatNumber(p.activation.eligible, locale),
              days: formatNumber(p.activation.medianDays, locale, 1),
            })}
          </p>
        </div>
        )}
        {p.seats && (
        <div>
          <h3>{t('overview.seats')}</h3>
          <p className="kpi-value">
            {formatNumber(p.seats.idle, locale)} <span className="kpi-sub">{t('budget.idleSeats').toLowerCase()}</span>
          </p>
          <p className="kpi-sub">
            {t('overview.seatsHelp', {
              held: formatNumber(p.seats.held, locale),
              idle: formatNumber(p.seats.idle, locale),
              unseated: formatNumber(p.seats.unseatedActive, locale),
            })}
          </p>
        </div>
        )}
      </div>
    </div>
  );
}
