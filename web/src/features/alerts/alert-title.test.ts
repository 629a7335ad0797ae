import { describe, expect, it } from 'vitest';
import type { Alert } from '@/features/alerts/api/get-alerts';
import { dictionaries, translate, type MessageKey } from '@/lib/i18n/i18n';
import { alertDetail } from './alert-title';

const tx = (lang: 'fr' | 'en') => (key: string, fallback: string, vars?: Record<string, string | number>) =>
  key in dictionaries[lang] ? translate(lang, key as MessageKey, vars) : fallback;

const overrun = {
  id: 1, rule: 'budget-overrun', severity: 'warning', owner: null, subjectKey: 'INT/2026-01', status: 'open',
  title: 'Line INT (INT) is over plan in 2026-01', detail: 'Spent 1500.00 against 1000.00 planned for 2026-01: 50% over (tolerance 10%).',
  facts: { line: 'Line INT', code: 'INT', month: '2026-01', detail: 'budget-overrun', actual: '1500.00', planned: '1000.00', over: '0.5', tolerance: '0.1' },
  raisedAt: '2026-01-20T00:00:00Z', lastEvaluatedAt: '2026-01-20T00:00:00Z', acknowledgedAt: null, acknowledgedBy: null, resolvedAt: null,
} as unknown as Alert;

describe('alert details', () => {
  it('are worded from their facts in the reader’s language', () => {
    expect(alertDetail(overrun, tx('en'), 'en-GB')).toBe('Spent 1,500 against 1,000 planned for Jan 2026: 50.0% over (tolerance 10.0%).');
    const fr = alertDetail(overrun, tx('fr'), 'fr-FR');
    expect(fr).toMatch(/^Dépensé 1\s500 pour 1\s000 prévus en /);
    expect(fr).toMatch(/50,0\s%/);
  });

  it('fall back to the API’s English detail without a detail fact', () => {
    expect(alertDetail({ ...overrun, facts: { code: 'INT' } } as unknown as Alert, tx('fr'), 'fr-FR')).toBe(overrun.detail);
  });
});
