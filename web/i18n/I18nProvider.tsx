// The Solid side of translation: a context holding the current locale, a typed t(key), and
// the side effects of a choice (persist it in localStorage, set <html lang> and the title).
import { createContext, createEffect, createSignal, useContext, type Accessor, type ParentProps } from 'solid-js';
import {
  pickLocale,
  translate,
  translatePlural,
  type Locale,
  type MessageKey,
  type MessageParams,
  type PluralKey,
} from './messages';

const STORAGE_KEY = 'disk-encryption-lab.locale';

export interface I18n {
  locale: Accessor<Locale>;
  setLocale(locale: Locale): void;
  t(key: MessageKey, params?: MessageParams): string;
  /** Plural-aware: picks `${key}.one` or `${key}.other` for `count`. */
  tn(key: PluralKey, count: number, params?: MessageParams): string;
}

const I18nContext = createContext<I18n>();

function readStoredLocale(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage blocked (privacy mode, sandboxed iframe): fall back to the browser's language
  }
}

function storeLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // storage blocked: the choice still holds for this visit
  }
}

export function I18nProvider(props: ParentProps) {
  const [locale, setLocaleSignal] = createSignal<Locale>(pickLocale(readStoredLocale(), navigator.languages ?? [navigator.language]));
  const i18n: I18n = {
    locale,
    setLocale(next) {
      setLocaleSignal(next);
      storeLocale(next);
    },
    t: (key, params) => translate(locale(), key, params),
    tn: (key, count, params) => translatePlural(locale(), key, count, params),
  };
  createEffect(() => {
    document.documentElement.lang = locale();
    document.title = translate(locale(), 'app.name');
  });
  return <I18nContext.Provider value={i18n}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n() expected to be called inside <I18nProvider>');
  return i18n;
}
