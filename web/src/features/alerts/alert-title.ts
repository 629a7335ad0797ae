import { type Alert } from '@/features/alerts/api/get-alerts';
import type { Vars } from '@/lib/i18n/i18n';
import { formatPeriod, type Locale } from '@/lib/format';

/**
 * An alert's title in the reader's language, from the facts the API keeps beside its English
 * title; the English title when there are none (alerts raised before facts were kept) or the
 * rule is one this dashboard does not know yet. A wave's title depends on whether it has ended.
 */
export function alertTitle(alert: Alert, tx: (key: string, fallback: string, vars?: Vars) => string, locale: Locale): string {
  if (!alert.facts) return alert.title;
  const facts = { ...alert.facts };
  if (facts.month) facts.month = formatPeriod(facts.month, locale);
  const rule = alert.rule === 'wave-behind-target' ? (facts.state === 'ended' ? 'wave-ended-short' : 'wave-projected-short') : alert.rule;
  return tx(`alert.title.${rule}`, alert.title, facts);
}
