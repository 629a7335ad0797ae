import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en, type MessageKey } from './en';
import { fr } from './fr';
import type { Locale } from '@/lib/format';

export type Language = 'fr' | 'en';
export type { MessageKey };

export const dictionaries: Record<Language, Record<MessageKey, string>> = { en, fr };
export const locales: Record<Language, Locale> = { fr: 'fr-FR', en: 'en-GB' };

const storageKey = 'rollouthub.language';

/** French when the browser prefers French, English otherwise; a choice made in the app wins. */
export function initialLanguage(): Language {
  try {
    const saved = localStorage.getItem(storageKey);
    if (saved === 'fr' || saved === 'en') return saved;
  } catch {
    /* storage may be disabled */
  }
  const nav = typeof navigator !== 'undefined' ? navigator.language ?? '' : '';
  return nav.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export type Vars = Record<string, string | number>;

export function translate(lang: Language, key: MessageKey, vars?: Vars): string {
  const template = dictionaries[lang][key] ?? en[key] ?? key;
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

interface I18n {
  lang: Language;
  locale: Locale;
  setLang: (lang: Language) => void;
  t: (key: MessageKey, vars?: Vars) => string;
  /** For keys built from API values (a status, a code): the fallback when there is no such message. */
  tx: (key: string, fallback: string, vars?: Vars) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children, language }: { children: ReactNode; language?: Language }) {
  const [lang, setLangState] = useState<Language>(() => language ?? initialLanguage());
  const setLang = useCallback((l: Language) => {
    setLangState(l);
    try {
      localStorage.setItem(storageKey, l);
    } catch {
      /* ignore */
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<I18n>(
    () => ({
      lang,
      locale: locales[lang],
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      tx: (key, fallback, vars) => (key in dictionaries[lang] ? translate(lang, key as MessageKey, vars) : fallback),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
