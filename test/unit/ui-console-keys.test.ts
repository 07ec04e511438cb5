// The console's key routing (web/ui/ecs/console-keys.ts): printable ASCII by character (any keyboard
// layout types what its keys show), Tab leaves the screen, everything else goes to v86 as a key.
import { describe, expect, test } from 'vitest';
import { screenKey } from '../../web/ui/ecs/console-keys';

const key = (k: string, extra: Partial<{ ctrlKey: boolean; altKey: boolean; metaKey: boolean; isComposing: boolean }> = {}) =>
  screenKey({ key: k, ctrlKey: false, altKey: false, metaKey: false, isComposing: false, ...extra });

describe('screenKey', () => {
  test('printable ASCII, shifted or not, is sent by character', () => {
    for (const k of ['a', 'Z', '"', ':', '@', ' ', '~', '0']) expect(key(k)).toBe('character');
  });

  test('Tab leaves the screen, with or without Shift', () => {
    expect(key('Tab')).toBe('leave');
  });

  test('named keys, combinations with Ctrl/Alt/Meta, IME composition and non-ASCII go to v86 as keys', () => {
    for (const k of ['Enter', 'Backspace', 'ArrowUp', 'Escape', 'Shift', 'F1']) expect(key(k)).toBe('key');
    expect(key('c', { ctrlKey: true })).toBe('key');
    expect(key('x', { altKey: true })).toBe('key');
    expect(key('v', { metaKey: true })).toBe('key');
    expect(key('a', { isComposing: true })).toBe('key');
    expect(key('é')).toBe('key');
    expect(key('あ')).toBe('key');
  });
});
