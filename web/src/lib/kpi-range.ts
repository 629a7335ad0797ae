import { useSearchParams } from 'react-router';
import { type Grain } from '@/lib/api/kpis';
import { toIsoDate } from '@/lib/format';
import type { KpiRange } from './api/kpis';

/** Default range: the last 26 weeks, or the last 12 months, ending today. */
export function defaultRange(grain: Grain, today = new Date()): KpiRange {
  const to = toIsoDate(today);
  const from = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  if (grain === 'week') from.setUTCDate(from.getUTCDate() - 26 * 7);
  else {
    from.setUTCMonth(from.getUTCMonth() - 11);
    from.setUTCDate(1);
  }
  return { grain, from: toIsoDate(from), to };
}

const isDate = (s: string | null): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s);

/** The range an address asks for (`?grain=&from=&to=`), each part left out taking its default. */
export function rangeOf(params: URLSearchParams): KpiRange {
  const grain: Grain = params.get('grain') === 'month' ? 'month' : 'week';
  const def = defaultRange(grain);
  return {
    grain,
    from: isDate(params.get('from')) ? params.get('from')! : def.from,
    to: isDate(params.get('to')) ? params.get('to')! : def.to,
  };
}

/** The range lives in the address, so a drill-down or a shared link keeps it. */
export function useKpiRange(): [KpiRange, (next: Partial<KpiRange>) => void] {
  const [params, setParams] = useSearchParams();
  const range = rangeOf(params);
  const set = (next: Partial<KpiRange>) => {
    const merged = { ...range, ...next };
    // Switching grain without choosing dates resets to that grain's default range.
    if (next.grain && next.grain !== range.grain && !next.from && !params.get('from')) {
      Object.assign(merged, defaultRange(next.grain));
    }
    const p = new URLSearchParams(params);
    p.set('grain', merged.grain);
    p.set('from', merged.from);
    p.set('to', merged.to);
    setParams(p, { replace: true });
  };
  return [range, set];
}

export function rangeSearch(r: KpiRange): string {
  return `?grain=${r.grain}&from=${r.from}&to=${r.to}`;
}

/**
 * The last period that has ended before today: the current week or month is still filling up,
 * so comparing it with a complete one would always look like a fall.
 */
export function lastCompleteIndex(periods: { end: string }[], today = toIsoDate(new Date())): number {
  for (let i = periods.length - 1; i >= 0; i--) if (periods[i].end < today) return i;
  return periods.length - 1;
}
