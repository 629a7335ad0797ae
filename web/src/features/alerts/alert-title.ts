import type { Alert } from '@/lib/api/types';
import type { MessageKey, Vars } from '@/lib/i18n/i18n';
import { formatPeriod, type Locale } from '@/lib/format';

/** The message of each rule's title; a wave's depends on whether it has ended. */
function titleKey(alert: Alert): MessageKey | null {
  switch (alert.rule) {
    case 'department-declining':
      return 'alert.title.department-declining';
    case 'champion-inactive':
      return 'alert.title.champion-inactive';
    case 'use-case-review-overdue':
      return 'alert.title.use-case-review-overdue';
    case 'budget-overrun':
      return 'alert.title.budget-overrun';
    case 'wave-behind-target':
      return alert.facts?.state === 'ended' ? 'alert.title.wave-ended-short' : 'alert.title.wave-projected-short';
    case 'job-failed':
      return 'alert.title.job-failed';
    default:
      return null;
  }
}

/**
 * An alert's title in the reader's language, from the facts the API keeps beside its English
 * title; the English title when there are none (alerts raised before facts were kept, or a rule
 * this dashboard does not know yet).
 */
export function alertTitle(alert: Alert, t: (key: MessageKey, vars?: Vars) => string, locale: Locale): string {
  const key = titleKey(alert);
  if (!key || !alert.facts) return alert.title;
  const facts = { ...alert.facts };
  if (facts.month) facts.month = formatPeriod(facts.month, locale);
  return t(key, facts);
}
