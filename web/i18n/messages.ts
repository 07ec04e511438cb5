// The message catalogues and the pure parts of translation: choosing a locale and filling
// "{name}" parameters. No Solid, no DOM: unit-tested in Node.
import { en, type MessageKey } from './en';
import { ja } from './ja';

export type { MessageKey };
export type Locale = 'en' | 'ja';
export const LOCALES: readonly Locale[] = ['en', 'ja'];
export const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { en, ja };

/** Keys that come in ".one" / ".other" plural forms, named without the suffix. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}.other` ? (`${Base}.one` extends MessageKey ? Base : never) : never;
}[MessageKey];

export type MessageParams = Record<string, string | number>;

export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'ja';
}

/** The stored choice if any, else the first preferred language we have, else English. */
export function pickLocale(stored: string | null | undefined, preferred: readonly string[]): Locale {
  if (isLocale(stored)) return stored;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

/** Fills "{name}" placeholders; a missing parameter is a programmer error, not silent text. */
export function format(template: string, params: MessageParams = {}, locale?: Locale): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`message parameter "${name}" expected in ${JSON.stringify(params)}`);
    const value = params[name];
    return typeof value === 'number' ? value.toLocaleString(locale) : value;
  });
}

export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  return format(CATALOGUES[locale][key], params, locale);
}

export function translatePlural(locale: Locale, key: PluralKey, count: number, params: MessageParams = {}): string {
  const form = new Intl.PluralRules(locale).select(count) === 'one' ? 'one' : 'other';
  return translate(locale, `${key}.${form}` as MessageKey, { count, ...params });
}
