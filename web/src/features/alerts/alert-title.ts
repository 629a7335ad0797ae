import { type Alert } from '@/features/alerts/api/get-alerts';
import type { Vars } from '@/lib/i18n/i18n';
import { formatDate, formatNumber, formatPercent, formatPeriod, type Locale } from '@/lib/format';

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

const ratios = ['decline', 'over', 'tolerance', 'depth', 'target'];
const amounts = ['actual', 'planned'];
const dates = ['from', 'to', 'lastReviewedOn', 'dueOn', 'plannedEnd'];

/**
 * An alert's detail in the reader's language, from its facts: the message named by the `detail`
 * fact, with ratios, amounts and dates formatted for the reader. The API's English detail when
 * the alert has no such fact (raised before details were kept) or the message is unknown here.
 */
export function alertDetail(alert: Alert, tx: (key: string, fallback: string, vars?: Vars) => string, locale: Locale): string {
  const code = alert.facts?.detail;
  if (!alert.facts || !code) return alert.detail;
  const vars: Vars = {};
  for (const [name, value] of Object.entries(alert.facts)) {
    vars[name] = ratios.includes(name)
      ? formatPercent(Number(value), locale)
      : amounts.includes(name)
        ? formatNumber(Number(value), locale, 2)
        : dates.includes(name)
          ? formatDate(value, locale)
          : name === 'month'
            ? formatPeriod(value, locale)
            : value;
  }
  return tx(`alert.detail.${code}`, alert.detail, vars);
}
