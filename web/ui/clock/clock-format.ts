// The pure parts of the header's lab clock: lab time as the cloud writes it (ISO 8601 UTC to the
// second) and in the reader's local form, how far the lab runs ahead of real time, and which
// Lab API calls change what the header shows. Unit-tested in Node.
import type { Locale } from '../../i18n/messages';

/** ISO 8601 UTC to the second: 2026-12-04T15:30:00Z (as Lab.GetClock answers). */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Epoch ms of an ISO time from the API, or undefined when it is not one. */
export function parseIso(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}

/** Lab time in the reader's language and time zone, with the zone's name. */
export function localTime(ms: number, locale: Locale, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
    timeZoneName: 'short', timeZone,
  }).format(ms);
}

/** How far lab time runs ahead of real time, to the nearest minute, in days, hours and minutes (never negative). */
export function offsetParts(offsetMs: number): { days: number; hours: number; minutes: number } {
  const minutesTotal = Math.max(0, Math.round(offsetMs / 60_000));
  return { days: Math.floor(minutesTotal / 1440), hours: Math.floor((minutesTotal % 1440) / 60), minutes: minutesTotal % 60 };
}

const READS = new Set(['getclock', 'listaccounts']);

/** Whether a finished call (useLabApi().onChange) may have moved the clock or the account. */
export function changesLabState(product: string, action: string): boolean {
  return product.toLowerCase() === 'lab' && !READS.has(action.toLowerCase());
}

/** AdvanceClock's parameters for a form's days and hours: whole, non-negative, at least one > 0. */
export function advanceParams(days: number, hours: number): { Days?: number; Hours?: number } | undefined {
  const ok = (n: number) => Number.isSafeInteger(n) && n >= 0;
  if (!ok(days) || !ok(hours) || days + hours === 0) return undefined;
  return { ...(days ? { Days: days } : {}), ...(hours ? { Hours: hours } : {}) };
}
