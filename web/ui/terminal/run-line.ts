// One terminal line, from text to transcript entries: the terminal's own words (clear), then
// parseCli (core/api/cli.ts) and the lab API — help text, the response, or the cloud's error body.
// Also the text form of entries (what "copy" puts on the clipboard). No DOM: unit-tested in Node.
import { parseCli } from '../../core/api/cli';
import type { LabApi } from '../lab-api-context';
import { toErrorBody } from '../errors/error-body';
import type { Entry } from './transcript';

export type LineResult = { kind: 'clear' } | { kind: 'entries'; entries: Entry[] };

export function formatJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/** Runs one line. Never rejects: every failure becomes an entry. */
export async function runLine(api: Pick<LabApi, 'call' | 'helpText'>, line: string): Promise<LineResult> {
  const trimmed = line.trim();
  if (trimmed === 'clear' || trimmed === 'cls') return { kind: 'clear' };
  let command;
  try {
    command = parseCli(trimmed);
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === 'CliSyntaxError') {
      return { kind: 'entries', entries: [{ kind: 'syntax', message: (error as Error).message }] };
    }
    throw error;
  }
  if (command.kind === 'help') return { kind: 'entries', entries: [{ kind: 'text', text: api.helpText(command.product, command.action) }] };
  try {
    const response = await api.call(command.product, command.action, command.params);
    return { kind: 'entries', entries: [{ kind: 'response', value: response }] };
  } catch (error) {
    // Anything that is not the cloud's answer (a bug below the router) shows as InternalFailure.
    return { kind: 'entries', entries: [{ kind: 'error', body: toErrorBody(error) }] };
  }
}

/** The plain text of an entry, as printed (and copied). */
export function entryText(entry: Entry): string {
  switch (entry.kind) {
    case 'command': return `$ ${entry.text}`;
    case 'response': return formatJson(entry.value);
    case 'error': return formatJson(entry.body);
    case 'syntax': return entry.message;
    case 'text': return entry.text;
    case 'candidates': return entry.names.join('  ');
  }
}

/** The output of the last command (every entry after the last command echo), as text. */
export function lastOutputText(entries: readonly Entry[]): string | undefined {
  let start = entries.length;
  while (start > 0 && entries[start - 1].kind !== 'command') start--;
  const output = entries.slice(start).filter((e) => e.kind !== 'candidates');
  return output.length ? output.map(entryText).join('\n') : undefined;
}
