// Every number, amount and date the dashboard shows goes through Intl.
// Ratios arrive unrounded from the API: rounding happens here, once.

export type Locale = 'fr-FR' | 'en-GB';

const cache = new Map<string, Intl.NumberFormat>();
function nf(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = locale + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

const dash = '–';

/** 0.125 → "12,5 %" (fr) / "12.5%" (en). Null shows a dash: "no value" is not zero. */
export function formatPercent(ratio: number | null | undefined, locale: Locale, digits = 1): string {
  if (ratio == null || Number.isNaN(ratio)) return dash;
  return nf(locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(ratio);
}

/** 1234 → "1 234 €" (fr) / "€1,234" (en). */
export function formatCurrency(amount: number | null | undefined, locale: Locale, currency = 'EUR', digits = 0): string {
  if (amount == null || Number.isNaN(amount)) return dash;
  return nf(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(amount);
}

export function formatNumber(value: number | null | undefined, locale: Locale, digits = 0): string {
  if (value == null || Number.isNaN(value)) return dash;
  return nf(locale, { minimumFractionDigits: 0, maximumFractionDigits: digits }).format(value);
}

/** Signed change in percentage points: +2,5 pts. */
export function formatPointsChange(delta: number | null | undefined, locale: Locale): string {
  if (delta == null || Number.isNaN(delta)) return dash;
  const n = nf(locale, { signDisplay: 'exceptZero', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(delta * 100);
  return `${n}${locale === 'fr-FR' ? '\u00a0pts' : ' pts'}`;
}

export function formatSignedNumber(delta: number | null | undefined, locale: Locale, digits = 0): string {
  if (delta == null || Number.isNaN(delta)) return dash;
  return nf(locale, { signDisplay: 'exceptZero', maximumFractionDigits: digits }).format(delta);
}

/** A calendar date "YYYY-MM-DD" (no time, no zone) → 15/03/2026 (fr) / 15 Mar 2026 (en). */
export function formatDate(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return dash;
  const d = parseIsoDate(iso);
  if (!d) return iso;
  return new Intl.DateTimeFormat(locale, {
    day: '2-digit',
    month: locale === 'fr-FR' ? '2-digit' : 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(d);
}

/** An instant (ISO with time) → local date and time. */
export function formatDateTime(iso: string | null | undefined, locale: Locale, timeStyle: 'short' | 'medium' = 'medium'): string {
  if (!iso) return dash;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle }).format(d);
}

/** Period labels: "2026-W03" → "S03 2026" / "W03 2026"; "2026-03" → "mars 2026" / "Mar 2026". */
export function formatPeriod(period: string, locale: Locale): string {
  const week = /^(\d{4})-W(\d{2})$/.exec(period);
  if (week) return `${locale === 'fr-FR' ? 'S' : 'W'}${week[2]} ${week[1]}`;
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) {
    const d = new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1));
    return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
  }
  return period;
}

export function parseIsoDate(iso: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return null;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

export function toIsoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Replace the no-break spaces Intl uses in French (U+00A0, U+202F) by plain spaces: for tests and CSV. */
export function normaliseSpaces(s: string): string {
  return s.replace(/[\u00a0\u202f]/g, ' ');
}
