import { describe, expect, it } from 'vitest';
import codes from './api-codes.json';
import { dictionaries } from './i18n';

/**
 * The API sends codes and facts and the dashboard words them. api-codes.json lists every code the
 * API can send for that (the API's tests hold it to the C# enums and lists); each needs a message
 * in French and in English.
 */
const camel = (code: string) => code.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
const keysOf: Record<keyof typeof codes, (code: string) => string> = {
  csvErrors: (c) => `csv.${c}`,
  alertTitles: (c) => `alert.title.${c}`,
  alertDetails: (c) => `alert.detail.${c}`,
  budgetBases: (c) => `budget.basis.${camel(c)}`,
  targetDepthSources: (c) => `budget.source.${c}`,
};

describe('codes the API sends', () => {
  for (const [group, list] of Object.entries(codes) as [keyof typeof codes, string[]][]) {
    it(`every ${group} code has a message in French and English`, () => {
      expect(list.length).toBeGreaterThan(0);
      const missing = list
        .map(keysOf[group])
        .flatMap((key) => (['fr', 'en'] as const).filter((lang) => !(key in dictionaries[lang])).map((lang) => `${lang}: ${key}`));
      expect(missing).toEqual([]);
    });
  }
});
