// The header clock's pure parts: the cloud's ISO form, the local form, how far lab time runs ahead,
// which calls change the header, and AdvanceClock's parameters from the form.
import { describe, expect, it } from 'vitest';
import { advanceParams, changesLabState, isoSeconds, localTime, offsetParts, parseIso } from '../../web/ui/clock/clock-format';

describe('lab clock formatting', () => {
  const at = Date.UTC(2026, 11, 4, 15, 30, 0, 750);

  it('isoSeconds is ISO 8601 UTC to the second, as Lab.GetClock answers', () => {
    expect(isoSeconds(at)).toBe('2026-12-04T15:30:00Z');
    expect(parseIso('2026-12-04T15:30:00Z')).toBe(Date.UTC(2026, 11, 4, 15, 30));
    expect(parseIso('yesterday')).toBeUndefined();
    expect(parseIso(42)).toBeUndefined();
  });

  it('localTime writes the reader’s form with the zone', () => {
    expect(localTime(at, 'ja', 'Asia/Tokyo')).toMatch(/2026.*12月5日/);
    expect(localTime(at, 'ja', 'Asia/Tokyo')).toMatch(/00:30:00/);
    expect(localTime(at, 'ja', 'Asia/Tokyo')).toMatch(/JST|GMT\+9/);
    expect(localTime(at, 'en', 'UTC')).toMatch(/4 Dec 2026.*15:30:00.*UTC/);
  });

  it('offsetParts splits the lead into days, hours and minutes and never goes negative', () => {
    expect(offsetParts(7 * 86_400_000 + 3 * 3_600_000 + 5 * 60_000 + 999)).toEqual({ days: 7, hours: 3, minutes: 5 });
    expect(offsetParts(7 * 86_400_000 - 1000)).toEqual({ days: 7, hours: 0, minutes: 0 }); // a second short still reads 7 days
    expect(offsetParts(-800)).toEqual({ days: 0, hours: 0, minutes: 0 });
  });

  it('only Lab writes change the header (its own reads would loop)', () => {
    expect(changesLabState('Lab', 'AdvanceClock')).toBe(true);
    expect(changesLabState('lab', 'SwitchAccount')).toBe(true);
    expect(changesLabState('Lab', 'Reset')).toBe(true);
    expect(changesLabState('Lab', 'GetClock')).toBe(false);
    expect(changesLabState('Lab', 'ListAccounts')).toBe(false);
    expect(changesLabState('Kms', 'CreateKey')).toBe(false);
  });

  it('advanceParams sends only the non-zero whole amounts, and nothing for nothing', () => {
    expect(advanceParams(7, 0)).toEqual({ Days: 7 });
    expect(advanceParams(0, 5)).toEqual({ Hours: 5 });
    expect(advanceParams(1, 2)).toEqual({ Days: 1, Hours: 2 });
    expect(advanceParams(0, 0)).toBeUndefined();
    expect(advanceParams(-1, 3)).toBeUndefined();
    expect(advanceParams(1.5, 0)).toBeUndefined();
  });
});
