import { describe, expect, it } from 'vitest';
import { dictionaries, translate } from './i18n';

describe('i18n dictionaries', () => {
  it('French and English have exactly the same keys', () => {
    const en = Object.keys(dictionaries.en).sort();
    const fr = Object.keys(dictionaries.fr).sort();
    expect(fr).toEqual(en);
  });

  it('no message is empty, and placeholders match across languages', () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(dictionaries.en) as (keyof typeof dictionaries.en)[]) {
      expect(dictionaries.en[key].trim(), key).not.toBe('');
      expect(dictionaries.fr[key].trim(), key).not.toBe('');
      expect(placeholders(dictionaries.fr[key]), key).toEqual(placeholders(dictionaries.en[key]));
    }
  });

  it('uses the French rollout vocabulary', () => {
    const fr = dictionaries.fr;
    expect(fr['kpi.breadth']).toBe('Étendue');
    expect(fr['kpi.depth']).toBe('Profondeur');
    expect(fr['kpi.diversity']).toBe('Diversité');
    expect(fr['kpi.impact']).toBe('Impact');
    expect(fr['kpi.sustainability']).toBe('Durabilité');
    expect(fr['decision.go']).toBe('poursuivre');
    expect(fr['decision.adjust']).toBe('ajuster');
    expect(fr['decision.hold']).toBe('suspendre');
    expect(fr['decision.stop']).toBe('arrêter');
    expect(fr['kpi.hoursSaved']).toBe('Heures gagnées');
    expect(fr['kpi.ticketsAvoided']).toBe('Tickets évités');
    expect(fr['kpi.employeesHelped']).toBe('Collaborateurs aidés');
    expect(fr['trend.growing']).toBe('en croissance');
    expect(fr['trend.declining']).toBe('en déclin');
    expect(fr['band.habitual']).toBe('habituel');
    expect(fr['band.regular']).toBe('régulier');
    expect(fr['band.occasional']).toBe('occasionnel');
    expect(fr['band.nonUser']).toBe('non-utilisateur');
    expect(fr['budget.idleSeats'].toLowerCase()).toContain('licences inutilisées');
    expect(fr['waves.readiness']).toBe('Liste de préparation au déploiement');
    expect(fr['waves.sponsor']).toBe('Sponsor de la direction');
    expect(fr['tier.power']).toBe('utilisateur avancé');
    expect(fr['role.champion']).toBe('champion (référent)');
    expect(fr['useCases.title']).toBe('Bibliothèque de cas d’usage');
  });

  it('fills placeholders', () => {
    expect(translate('fr', 'auth.demoAs', { role: 'RH' })).toBe('Se connecter en tant que RH (démo)');
    expect(translate('en', 'kpi.depthHelp', { active: 3, headcount: 10 })).toBe('3 of 10 employees active');
  });
});
