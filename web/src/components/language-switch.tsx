import { useI18n, type Language } from '@/lib/i18n/i18n';

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <div className="lang-switch" role="group" aria-label={t('lang.label')}>
      {(['fr', 'en'] as Language[]).map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          className={`btn btn-small ${lang === l ? 'active' : ''}`}
          aria-pressed={lang === l}
          onClick={() => setLang(l)}
        >
          {t(`lang.${l}`)}
        </button>
      ))}
    </div>
  );
}
