// The terminal's transcript and command history as plain data, and what of them may be stored:
// nothing that holds plaintext (house-style.md, "Where secrets may live"). Stored copies redact every
// "Plaintext" field of responses (GenerateDataKey, Decrypt) and the --Plaintext value of commands.
// No DOM and no Solid: unit-tested in Node.

import type { ErrorBody } from '../errors/error-body';

export type { ErrorBody };

export type Entry =
  | { kind: 'command'; text: string }
  | { kind: 'response'; value: Record<string, unknown> }
  | { kind: 'error'; body: ErrorBody }
  | { kind: 'syntax'; message: string }
  | { kind: 'text'; text: string }
  | { kind: 'candidates'; names: string[] };

export const REDACTED = '[redacted: plaintext is never stored]';
export const MAX_COMMANDS = 100;
export const MAX_ENTRIES = 60;
/** Longer texts (a big help page, a long ListKeys) are cut in the stored copy only. */
export const MAX_STORED_TEXT = 8_000;

/** A copy of `value` with every property named Plaintext (at any depth) replaced by REDACTED. */
export function redactPlaintext<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => redactPlaintext(v)) as T;
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    copy[key] = key === 'Plaintext' ? REDACTED : redactPlaintext(inner);
  }
  return copy as T;
}

// --Plaintext value, --Plaintext=value, quoted or not (case-insensitive, as a slip of case is still plaintext).
const PLAINTEXT_PARAM = /(--plaintext(?:=|\s+))(?:'[^']*'?|"(?:[^"\\]|\\.)*"?|\\.|[^\s'"\\])+/gi;

/** The command line with any --Plaintext value replaced by REDACTED (quoted, so it stays one word). */
export function redactCommand(line: string): string {
  return line.replace(PLAINTEXT_PARAM, (_, name: string) => `${name}'${REDACTED}'`);
}

function clip(text: string): string {
  return text.length <= MAX_STORED_TEXT ? text : `${text.slice(0, MAX_STORED_TEXT)}\n…`;
}

/** The entry as it may be stored. Responses that are too long are stored as (clipped) text. */
export function storableEntry(entry: Entry): Entry {
  switch (entry.kind) {
    case 'command': return { kind: 'command', text: redactCommand(entry.text) };
    case 'response': {
      const redacted = redactPlaintext(entry.value);
      const json = JSON.stringify(redacted, null, 2);
      return json.length <= MAX_STORED_TEXT ? { kind: 'response', value: redacted } : { kind: 'text', text: clip(json) };
    }
    case 'text': return { kind: 'text', text: clip(entry.text) };
    default: return entry;
  }
}

export interface StoredTerminal {
  version: 1;
  commands: string[];
  entries: Entry[];
}

/** What goes to localStorage: the last MAX_COMMANDS commands and MAX_ENTRIES entries, redacted. */
export function toStored(commands: readonly string[], entries: readonly Entry[]): StoredTerminal {
  return {
    version: 1,
    commands: commands.slice(-MAX_COMMANDS).map(redactCommand),
    entries: entries.slice(-MAX_ENTRIES).map(storableEntry),
  };
}

const ENTRY_KINDS = new Set(['command', 'response', 'error', 'syntax', 'text', 'candidates']);

/** Reads a stored transcript; anything malformed (another version, hand-edited) reads as empty. */
export function fromStored(json: string | null): { commands: string[]; entries: Entry[] } {
  const empty = { commands: [], entries: [] };
  if (!json) return empty;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return empty; // not JSON: start afresh rather than fail the terminal
  }
  const stored = parsed as Partial<StoredTerminal> | null;
  if (!stored || stored.version !== 1 || !Array.isArray(stored.commands) || !Array.isArray(stored.entries)) return empty;
  const commands = stored.commands.filter((c): c is string => typeof c === 'string');
  const entries = stored.entries.filter((e): e is Entry => typeof e === 'object' && e !== null && ENTRY_KINDS.has((e as Entry).kind));
  // Redact again on the way in: an older or foreign copy must not bring plaintext back to the screen.
  return { commands: commands.map(redactCommand), entries: entries.map(storableEntry) };
}

/** Adds `line` to the history unless it repeats the last one (as shells do). */
export function pushCommand(commands: readonly string[], line: string): string[] {
  const trimmed = line.trim();
  if (!trimmed || commands[commands.length - 1] === trimmed) return [...commands];
  return [...commands, trimmed].slice(-MAX_COMMANDS);
}

/**
 * ↑/↓ through `commands`. `index` is the position being shown (commands.length = the draft line).
 * Returns the new index and the text to show; the draft is kept so ↓ past the end brings it back.
 */
export function stepHistory(commands: readonly string[], index: number, direction: -1 | 1, draft: string): { index: number; text: string } {
  const next = Math.min(commands.length, Math.max(0, index + direction));
  return { index: next, text: next === commands.length ? draft : commands[next] };
}
