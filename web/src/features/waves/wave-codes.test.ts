import { describe, expect, it } from 'vitest';
import { dictionaries, translate, type MessageKey } from '@/lib/i18n/i18n';
import openapi from '@/lib/api/openapi.json';
import codes from './wave-codes.json';
import { waveMessage, waveMessageKey } from './components/wave-message';

// wave-codes.json lists every code the waves' answers can hold; the API's test
// (WaveWordingTests) fails when it differs from the API's WaveMessageCode enumeration.
describe('wave message codes', () => {
  const schemas = (openapi as { components?: { schemas?: Record<string, { enum?: (string | null)[] }> } }).components?.schemas ?? {};
  const fromOpenApi = (schemas.WaveMessageCode?.enum ?? []).filter((c): c is string => typeof c === 'string');

  it.each(['en', 'fr'] as const)('every code the API can send has a message in the %s dictionary', (lang) => {
    const missing = [...new Set([...codes, ...fromOpenApi])].filter((code) => !(waveMessageKey(code) in dictionaries[lang]));
    expect(missing).toEqual([]);
  });

  it('the list is not empty and has no duplicates', () => {
    expect(codes.length).toBeGreaterThan(40);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('words the facts in the reader’s language: percentages, dates, numbers and field names', () => {
    const tx = (lang: 'fr' | 'en') => (key: string, fallback: string, vars?: Record<string, string | number>) =>
      key in dictionaries[lang] ? translate(lang, key as MessageKey, vars) : fallback;
    const targets = { code: 'targets-depth-breadth', facts: { depthRatio: '0.625', breadthRatio: '1', plannedEndOn: '2026-06-30' } };
    expect(waveMessage(targets, tx('fr'), 'fr-FR').replace(/\s/g, ' ')).toBe('Profondeur visée 62,5 % et étendue visée 100 % au 30/06/2026.');
    expect(waveMessage(targets, tx('en'), 'en-GB')).toBe('Target depth 62.5% and breadth 100% by 30 Jun 2026.');
    const owners = { code: 'support-model-missing', facts: { fields: 'adoptionOwner, governanceOwner' } };
    expect(waveMessage(owners, tx('fr'), 'fr-FR')).toBe('Non nommés : Responsable de l’adoption, Responsable de la gouvernance.');
    const unmet = { code: 'reason-readiness-unmet', facts: { number: '2', key: 'champions', item: 'champions-missing', missing: '1', departments: '3', codes: 'OPS' } };
    expect(waveMessage(unmet, tx('en'), 'en-GB')).toBe(
      'Readiness 2 (An equipped or active champion in every department): 1 of 3 departments have no equipped or active champion: OPS.',
    );
  });
});
