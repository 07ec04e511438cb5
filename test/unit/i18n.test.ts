// The ja and en catalogues stay in step: same keys, no empty messages, same parameters;
// plus the pure translation helpers (locale choice, parameters, plural forms).
import { describe, expect, it } from 'vitest';
import { en } from '../../web/i18n/en';
import { ja } from '../../web/i18n/ja';
import { CATALOGUES, format, pickLocale, translate, translatePlural } from '../../web/i18n/messages';

const params = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  it('en and ja have identical key sets', () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.entries(CATALOGUES))('%s has no empty or blank message', (_, catalogue) => {
    const blank = Object.entries(catalogue).filter(([, message]) => message.trim() === '');
    expect(blank).toEqual([]);
  });

  it('each ja message uses the same {parameters} as its en message', () => {
    const mismatched = Object.keys(en).filter(
      (key) => params(en[key as keyof typeof en]).join() !== params(ja[key as keyof typeof en]).join(),
    );
    expect(mismatched).toEqual([]);
  });

  it('the product name is the agreed one in both languages', () => {
    expect(en['app.name']).toBe('Disk Encryption Lab');
    expect(ja['app.name']).toBe('ディスク暗号化ラボ');
  });
});

describe('translation helpers', () => {
  it('pickLocale prefers the stored choice, then the browser languages, then English', () => {
    expect(pickLocale('ja', ['en-US'])).toBe('ja');
    expect(pickLocale(null, ['ja-JP', 'en'])).toBe('ja');
    expect(pickLocale('fr', ['de-DE', 'en-GB'])).toBe('en');
    expect(pickLocale(undefined, ['de-DE'])).toBe('en');
  });

  it('format fills parameters and rejects a missing one by name', () => {
    expect(format('{a} of {b}', { a: 1, b: 'two' })).toBe('1 of two');
    expect(() => format('{a} and {c}', { a: 1 })).toThrow(/"c"/);
  });

  it('translatePlural picks the English singular for one and plural otherwise', () => {
    const one = translatePlural('en', 'selftest.passed', 1, { checks: 20, workers: 1, ms: 5 });
    const two = translatePlural('en', 'selftest.passed', 2, { checks: 20, workers: 2, ms: 5 });
    expect(one).toBe('All 20 checks passed in 1 worker (5 ms).');
    expect(two).toBe('All 20 checks passed in 2 workers (5 ms).');
    expect(translate('ja', 'selftest.passed.other', { checks: 20, workers: 2, ms: 5 })).toContain('20');
  });

  it('translatePlural hands the count to the message as {count} (the key-dependents confirmation needs it)', () => {
    expect(translatePlural('en', 'kms.dependents.count', 1)).toBe('1 resource is encrypted under this key:');
    expect(translatePlural('en', 'kms.dependents.count', 3)).toBe('3 resources are encrypted under this key:');
    expect(translatePlural('ja', 'kms.dependents.count', 3)).toContain('3');
  });
});
