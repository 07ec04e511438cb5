// The ja/en switch: a labelled group of two toggle buttons (aria-pressed), each named in its
// own language so a reader of either can find theirs.
import { For } from 'solid-js';
import { useI18n } from '../i18n/I18nProvider';
import { LOCALES } from '../i18n/messages';

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <div class="language-switch" role="group" aria-label={t('language.label')}>
      <For each={LOCALES}>
        {(code) => (
          <button
            type="button"
            lang={code}
            aria-pressed={locale() === code}
            onClick={() => setLocale(code)}
          >
            {t(`language.${code}`)}
          </button>
        )}
      </For>
    </div>
  );
}
