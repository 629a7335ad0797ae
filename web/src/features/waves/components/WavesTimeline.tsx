import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { type Wave } from '@/lib/api/waves';
import { formatDate, parseIsoDate } from '@/lib/format';
import { readableText, series } from '@/components/heat';
import { Badge, Empty, toneOf } from '@/components/ui';
import { decisionTone } from './decision';

export const waveStatusColour: Partial<Record<string, string>> = {
  planned: series.grey,
  active: series.blue,
  review: series.orange,
  completed: series.green,
  paused: series.vermillion,
};

/** Planned start → end of each wave, with today marked. The status is written, not only coloured. */
export function WavesTimeline({ waves }: { waves: Wave[] }) {
  const { t, locale, tx } = useI18n();
  // Today as of when the timeline was shown: rendering again does not move the marker.
  const [today] = useState(() => Date.now());
  const dated = waves
    .filter((w) => w.plannedStart && w.plannedEnd)
    .sort((a, b) => a.sequence - b.sequence);
  if (dated.length === 0) return <Empty />;
  const starts = dated.map((w) => parseIsoDate(w.plannedStart!)!.getTime());
  const ends = dated.map((w) => parseIsoDate(w.plannedEnd!)!.getTime());
  const min = Math.min(...starts);
  const max = Math.max(...ends);
  const span = Math.max(max - min, 1);
  const pos = (ms: number) => ((ms - min) / span) * 100;
  return (
    <div className="timeline" data-testid="waves-timeline">
      {dated.map((w, i) => {
        const left = pos(starts[i]);
        const width = Math.max(pos(ends[i]) - left, 2);
        return (
          <div className="timeline-row" key={w.code}>
            <div>
              <Link to={`/waves/${encodeURIComponent(w.code)}`}>{w.name}</Link>{' '}
              <span className="muted">({tx(`waves.status.${w.status}`, w.status)})</span>
              {w.lastGateReview && (
                <div className="kpi-sub">
                  <span className="muted">{t('waves.lastDecisionLabel')}</span>{' '}
                  <Badge tone={toneOf(decisionTone, w.lastGateReview.decision)}>{tx(`decision.${w.lastGateReview.decision}`, w.lastGateReview.decision)}</Badge>{' '}
                  <span className="muted">{formatDate(w.lastGateReview.decidedOn, locale)}</span>
                </div>
              )}
            </div>
            <div className="timeline-track" title={`${formatDate(w.plannedStart, locale)} → ${formatDate(w.plannedEnd, locale)}`}>
              <span className="timeline-bar" style={{ left: `${left}%`, width: `${width}%`, background: waveStatusColour[w.status] ?? series.grey, color: readableText(waveStatusColour[w.status] ?? series.grey) }}>
                {formatDate(w.plannedStart, locale)} → {formatDate(w.plannedEnd, locale)}
              </span>
              {today >= min && today <= max && <span className="timeline-today" style={{ left: `${pos(today)}%` }} aria-hidden="true" />}
            </div>
          </div>
        );
      })}
    </div>
  );
}
