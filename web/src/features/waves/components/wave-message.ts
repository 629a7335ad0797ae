import type { Vars } from '@/lib/i18n/i18n';
import { formatDate, formatNumber, type Locale } from '@/lib/format';

/** What a readiness item, a gap, a projection or a gate reason says: a code and the facts it is worded from. */
export interface Said {
  code: string | null;
  facts: Record<string, string> | null;
}

type Tx = (key: string, fallback: string, vars?: Vars) => string;

/** The dictionary key of a wave message code. */
export const waveMessageKey = (code: string) => `waves.msg.${code}`;

/** Wave fields the support-model and sponsor items name, and their labels. */
const fieldLabels: Record<string, string> = {
  technicalOwner: 'waves.owner.technical',
  adoptionOwner: 'waves.owner.adoption',
  contentOwner: 'waves.owner.content',
  governanceOwner: 'waves.owner.governance',
  executiveSponsor: 'waves.sponsor',
  targetDepth: 'waves.targetDepth',
};

/** A wave field's label, or the subject itself (a department, use-case or budget line code). */
export const subjectLabel = (subject: string, tx: Tx) => (fieldLabels[subject] ? tx(fieldLabels[subject], subject) : subject);

/** 0.625 → "62,5 %" / "62.5%": whole percentages without a decimal, as the targets are set. */
function percent(value: string, locale: Locale): string {
  if (value === '') return formatNumber(null, locale);
  return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: 1 }).format(Number(value));
}

/**
 * The facts in the reader's language. The API sends them as invariant text: a key ending in
 * `Ratio` is a share (empty when unknown), one ending in `On` an ISO date, numbers are decimals.
 */
export function wordFacts(facts: Record<string, string> | null, tx: Tx, locale: Locale): Vars {
  const vars: Vars = {};
  for (const [key, value] of Object.entries(facts ?? {})) {
    if (key.endsWith('Ratio')) vars[key] = percent(value, locale);
    else if (key.endsWith('On')) vars[key] = formatDate(value, locale);
    else if (key === 'fields') vars[key] = value.split(', ').map((f) => subjectLabel(f, tx)).join(', ');
    else if (key === 'items') vars[key] = value.split(', ').map((i) => tx(`readiness.${i}`, i)).join(' ; ');
    else if (/^-?\d+(\.\d+)?$/.test(value)) vars[key] = formatNumber(Number(value), locale, 2);
    else vars[key] = value;
  }
  return vars;
}

/** The sentence for a code and its facts; the code itself when this dashboard has no message for it. */
export function waveMessage(said: Said, tx: Tx, locale: Locale): string {
  if (!said.code) return '';
  const facts = said.facts ?? {};
  const vars = wordFacts(facts, tx, locale);
  if (said.code === 'reason-readiness-unmet') {
    // An unmet item as a reason: its own code and facts travel with its number and key.
    vars.title = tx(`readiness.${facts.key}`, facts.key ?? '');
    vars.why = waveMessage({ code: facts.item ?? null, facts }, tx, locale);
  }
  return tx(waveMessageKey(said.code), said.code, vars);
}
