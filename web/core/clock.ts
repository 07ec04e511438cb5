// The lab clock: lab time = real time + a persisted offset, so it runs with real time and
// AdvanceClock (issue 4, "Lab" product) moves it forward. Times are epoch milliseconds; responses
// show them as ISO 8601 UTC without fractions ("2026-12-04T15:30:00Z"), as the cloud does.

export interface LabClock {
  /** Lab time now, epoch ms. */
  nowMs(): number;
  /** The persisted part: lab time minus real time. */
  readonly offsetMs: number;
  /** Moves lab time forward by `ms` (a non-negative integer); returns the new lab time. */
  advance(ms: number): number;
  /** Back to real time (offset 0), as on a first visit. */
  reset(): void;
}

export function createLabClock(options: { offsetMs?: number; realNow?: () => number } = {}): LabClock {
  const realNow = options.realNow ?? (() => Date.now());
  let offset = options.offsetMs ?? 0;
  if (!Number.isSafeInteger(offset) || offset < 0) throw new RangeError(`"offsetMs" expected a non-negative integer, got ${offset}`);
  return {
    nowMs: () => realNow() + offset,
    get offsetMs() { return offset; },
    advance(ms: number) {
      if (!Number.isSafeInteger(ms) || ms < 0) throw new RangeError(`"ms" expected a non-negative integer, got ${ms}`);
      offset += ms;
      return realNow() + offset;
    },
    reset() { offset = 0; },
  };
}

/** A lab clock over a real time that moves only when told (tests). */
export interface FakeLabClock extends LabClock {
  /** Moves the fake *real* time (the lab clock follows it). */
  tickReal(ms: number): void;
}

export function createFakeClock(startMs = Date.UTC(2026, 11, 4, 15, 30, 0)): FakeLabClock {
  let real = startMs;
  const clock = createLabClock({ realNow: () => real });
  return Object.assign(clock, { tickReal(ms: number) { real += ms; } }) as FakeLabClock;
}

export const MS_PER_SECOND = 1000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

/** ISO 8601 UTC to the second, the cloud's date form: 2026-12-04T15:30:00Z. */
export function toIsoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
