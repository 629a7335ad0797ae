import { toIsoDate } from './format';

/** What a source holds, as far as completeness is concerned (GET /sources). */
export interface SourceCoverage {
  source: string;
  tool: string;
  lastDate: string | null;
}

export type PartialReason = { kind: 'today'; end: string } | { kind: 'source'; source: string; tool: string; lastDate: string };

export interface Completeness {
  complete: boolean;
  reasons: PartialReason[];
}

/**
 * Whether a period's figures are final: not when today falls inside it (the week or month is
 * still filling up), nor when a source's data stops before its end (the vendor's export lags, or
 * the last file was older). Either way a lower figure there is not a drop, and the pages say so.
 * A source with no data at all says nothing about the period.
 */
export function periodCompleteness(period: { start: string; end: string }, today: string = toIsoDate(new Date()), sources: readonly SourceCoverage[] = []): Completeness {
  const reasons: PartialReason[] = [];
  if (period.start <= today && today <= period.end) reasons.push({ kind: 'today', end: period.end });
  for (const s of sources) {
    if (s.lastDate && s.lastDate < period.end && period.start <= today) reasons.push({ kind: 'source', source: s.source, tool: s.tool, lastDate: s.lastDate });
  }
  return { complete: reasons.length === 0, reasons };
}
