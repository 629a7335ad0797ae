// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { periodCompleteness } from './periods';

const week = { start: '2026-03-09', end: '2026-03-15' };
const github = { source: 'github-copilot', tool: 'GitHub Copilot', lastDate: '2026-03-15' };

describe('periodCompleteness', () => {
  it('calls a period that ended before today, with every source reaching its end, complete', () => {
    expect(periodCompleteness(week, '2026-03-16', [github])).toEqual({ complete: true, reasons: [] });
  });

  it('calls the period that holds today incomplete, from its first day to its last', () => {
    for (const today of ['2026-03-09', '2026-03-12', '2026-03-15'])
      expect(periodCompleteness(week, today, [github]).reasons).toEqual([{ kind: 'today', end: '2026-03-15' }]);
  });

  it('calls a past period incomplete when a source’s data stops before its end, naming the source', () => {
    const chatgpt = { source: 'chatgpt-enterprise', tool: 'ChatGPT Enterprise', lastDate: '2026-03-11' };
    const r = periodCompleteness(week, '2026-03-20', [github, chatgpt]);
    expect(r.complete).toBe(false);
    expect(r.reasons).toEqual([{ kind: 'source', source: 'chatgpt-enterprise', tool: 'ChatGPT Enterprise', lastDate: '2026-03-11' }]);
  });

  it('gives both reasons when today is inside and a source lags', () => {
    const r = periodCompleteness(week, '2026-03-14', [{ ...github, lastDate: '2026-03-12' }]);
    expect(r.reasons.map((x) => x.kind)).toEqual(['today', 'source']);
  });

  it('ignores a source with no data at all', () => {
    expect(periodCompleteness(week, '2026-03-20', [{ ...github, lastDate: null }]).complete).toBe(true);
  });
});
