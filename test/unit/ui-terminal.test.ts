// The terminal's pure parts: history and transcript with redaction (no plaintext is ever stored),
// running a line against the real lab core (responses, the cloud's error body, help, syntax errors,
// clear), the copied text, Tab completion from --help, and the ` shortcut that leaves fields alone.
import { describe, expect, it } from 'vitest';
import { helpText } from '../../web/core/api/cli';
import { complete, namesFromHelp } from '../../web/ui/terminal/completion';
import { entryText, lastOutputText, runLine } from '../../web/ui/terminal/run-line';
import { isEditable, isTerminalShortcut } from '../../web/ui/terminal/shortcut';
import {
  MAX_COMMANDS, MAX_ENTRIES, REDACTED, fromStored, pushCommand, redactCommand, redactPlaintext, stepHistory, toStored, type Entry,
} from '../../web/ui/terminal/transcript';
import { createKmsLab } from '../support/kms-harness';

async function labApi() {
  const lab = await createKmsLab();
  return {
    lab,
    api: {
      call: (product: string, action: string, params?: Record<string, unknown>) => lab.router.call(product, action, params ?? {}),
      helpText: (product?: string, action?: string) => helpText(lab.router.listProducts(), product, action),
    },
  };
}

function responseOf(entry: Entry): Record<string, unknown> {
  if (entry.kind !== 'response') throw new Error(`expected a response, got ${JSON.stringify(entry)}`);
  return entry.value;
}

async function entriesOf(api: Awaited<ReturnType<typeof labApi>>['api'], line: string): Promise<Entry[]> {
  const result = await runLine(api, line);
  if (result.kind !== 'entries') throw new Error(`expected entries for ${line}`);
  return result.entries;
}

describe('redaction: what the terminal stores never holds plaintext', () => {
  it('redactPlaintext replaces Plaintext at any depth and leaves the rest', () => {
    const response = { KeyId: 'k', Plaintext: 'c2VjcmV0', CiphertextBlob: 'blob', Nested: [{ Plaintext: 'eA==' }], RequestId: 'R' };
    expect(redactPlaintext(response)).toEqual({ KeyId: 'k', Plaintext: REDACTED, CiphertextBlob: 'blob', Nested: [{ Plaintext: REDACTED }], RequestId: 'R' });
    expect(response.Plaintext).toBe('c2VjcmV0'); // the shown copy is untouched
  });

  it.each([
    ['aliyun kms Encrypt --KeyId alias/demo --Plaintext aGVsbG8=', `aliyun kms Encrypt --KeyId alias/demo --Plaintext '${REDACTED}'`],
    ['aliyun kms Encrypt --Plaintext=aGVsbG8= --KeyId k', `aliyun kms Encrypt --Plaintext='${REDACTED}' --KeyId k`],
    ["aliyun kms Encrypt --Plaintext 'a b'c --KeyId k", `aliyun kms Encrypt --Plaintext '${REDACTED}' --KeyId k`],
    ['aliyun kms Encrypt --plaintext "x\\"y" --KeyId k', `aliyun kms Encrypt --plaintext '${REDACTED}' --KeyId k`],
    ['aliyun kms CreateKey --Description demo', 'aliyun kms CreateKey --Description demo'],
  ])('redactCommand(%s)', (line, stored) => {
    expect(redactCommand(line)).toBe(stored);
  });

  it('toStored redacts GenerateDataKey and Decrypt responses and --Plaintext commands, keeps the rest', () => {
    const entries: Entry[] = [
      { kind: 'command', text: 'aliyun kms GenerateDataKey --KeyId alias/demo' },
      { kind: 'response', value: { KeyId: 'k', KeyVersionId: 'v', CiphertextBlob: 'blob', Plaintext: 'AAAAAAAAAAAAAAAAAAAAAA==', RequestId: 'R1' } },
      { kind: 'command', text: 'aliyun kms Decrypt --CiphertextBlob blob' },
      { kind: 'response', value: { KeyId: 'k', KeyVersionId: 'v', Plaintext: 'aGVsbG8=', RequestId: 'R2' } },
      { kind: 'error', body: { Code: 'Rejected.Disabled', HttpStatus: 409, Message: 'm', RequestId: 'R3' } },
    ];
    const json = JSON.stringify(toStored(['aliyun kms Encrypt --KeyId k --Plaintext aGVsbG8='], entries));
    expect(json).not.toContain('aGVsbG8=');
    expect(json).not.toContain('AAAAAAAAAAAAAAAAAAAAAA==');
    expect(json).toContain('"CiphertextBlob":"blob"');
    expect(json).toContain('Rejected.Disabled');
    const read = fromStored(json);
    expect(read.entries).toHaveLength(5);
    expect((read.entries[3] as { value: Record<string, unknown> }).value.Plaintext).toBe(REDACTED);
    expect(read.commands).toEqual([`aliyun kms Encrypt --KeyId k --Plaintext '${REDACTED}'`]);
  });

  it('fromStored redacts again on the way in and reads anything malformed as empty', () => {
    const foreign = JSON.stringify({ version: 1, commands: ['x --Plaintext c2VjcmV0'], entries: [{ kind: 'response', value: { Plaintext: 'c2VjcmV0' } }, { kind: 'bogus' }] });
    expect(JSON.stringify(fromStored(foreign))).not.toContain('c2VjcmV0');
    expect(fromStored(foreign).entries).toHaveLength(1);
    for (const bad of [null, '', 'not json', '{"version":2,"commands":[],"entries":[]}', '[]', 'null']) {
      expect(fromStored(bad)).toEqual({ commands: [], entries: [] });
    }
  });

  it('toStored keeps only the last commands and entries, and stores long output as clipped text', () => {
    const commands = Array.from({ length: MAX_COMMANDS + 5 }, (_, i) => `c${i}`);
    const entries: Entry[] = Array.from({ length: MAX_ENTRIES + 5 }, (_, i) => ({ kind: 'text', text: `t${i}` }));
    const stored = toStored(commands, entries);
    expect(stored.commands).toHaveLength(MAX_COMMANDS);
    expect(stored.commands[0]).toBe('c5');
    expect(stored.entries).toHaveLength(MAX_ENTRIES);
    const big = toStored([], [{ kind: 'response', value: { Keys: 'x'.repeat(20_000), Plaintext: 'c2VjcmV0' } }]);
    expect(big.entries[0].kind).toBe('text');
    expect(JSON.stringify(big)).not.toContain('c2VjcmV0');
    expect(JSON.stringify(big).length).toBeLessThan(9_000);
  });
});

describe('history', () => {
  it('pushCommand trims, skips blanks and repeats of the last command', () => {
    expect(pushCommand(['a'], '  b ')).toEqual(['a', 'b']);
    expect(pushCommand(['a', 'b'], 'b')).toEqual(['a', 'b']);
    expect(pushCommand(['a'], '   ')).toEqual(['a']);
  });

  it('stepHistory walks up and down and brings the draft back past the end', () => {
    const commands = ['one', 'two'];
    let at = { index: 2, text: '' };
    at = stepHistory(commands, at.index, -1, 'draft');
    expect(at).toEqual({ index: 1, text: 'two' });
    at = stepHistory(commands, at.index, -1, 'draft');
    expect(at).toEqual({ index: 0, text: 'one' });
    at = stepHistory(commands, at.index, -1, 'draft');
    expect(at).toEqual({ index: 0, text: 'one' });
    at = stepHistory(commands, at.index, 1, 'draft');
    at = stepHistory(commands, at.index, 1, 'draft');
    expect(at).toEqual({ index: 2, text: 'draft' });
    expect(stepHistory([], 0, -1, 'x')).toEqual({ index: 0, text: 'x' });
  });
});

describe('runLine against the lab core', () => {
  it('CreateKey, CreateAlias, Encrypt by alias print the responses', async () => {
    const { api } = await labApi();
    const [created] = await entriesOf(api, 'aliyun kms CreateKey --Description demo');
    expect(created.kind).toBe('response');
    const keyId = (responseOf(created).KeyMetadata as { KeyId: string }).KeyId;
    expect((await entriesOf(api, `aliyun kms CreateAlias --AliasName alias/demo --KeyId ${keyId}`))[0].kind).toBe('response');
    const [encrypted] = await entriesOf(api, 'aliyun kms Encrypt --KeyId alias/demo --Plaintext aGVsbG8=');
    expect(entryText(encrypted)).toContain('"CiphertextBlob"');
    expect(entryText(encrypted)).toContain(`"KeyId": "${keyId}"`);
  });

  it('a disabled key gives the cloud error body Rejected.Disabled with HTTP 409', async () => {
    const { api, lab } = await labApi();
    const keyId = await lab.newKey();
    await entriesOf(api, `aliyun kms DisableKey --KeyId ${keyId}`);
    const [failed] = await entriesOf(api, `aliyun kms Encrypt --KeyId ${keyId} --Plaintext aGVsbG8=`);
    expect(failed.kind).toBe('error');
    const body = (failed as Extract<Entry, { kind: 'error' }>).body;
    expect(body).toMatchObject({ Code: 'Rejected.Disabled', HttpStatus: 409 });
    expect(body.RequestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(Object.keys(JSON.parse(entryText(failed)))).toEqual(['Code', 'HttpStatus', 'Message', 'RequestId']);
  });

  it('--help per product and action, syntax errors, unknown actions and clear', async () => {
    const { api } = await labApi();
    expect(entryText((await entriesOf(api, 'aliyun kms --help'))[0])).toContain('CreateKey');
    expect(entryText((await entriesOf(api, 'aliyun kms Encrypt --help'))[0])).toContain('--Plaintext (required)');
    expect(entryText((await entriesOf(api, 'aliyun --help'))[0])).toContain('Products:');
    expect((await entriesOf(api, "aliyun kms CreateKey --Description 'open"))[0]).toMatchObject({ kind: 'syntax' });
    expect((await entriesOf(api, 'aliyun kms createkey'))[0]).toMatchObject({ kind: 'error', body: { Code: 'InvalidAction.NotFound' } });
    expect(await runLine(api, ' clear ')).toEqual({ kind: 'clear' });
  });

  it('AdvanceClock through the Lab product answers with the new Now', async () => {
    const { api, lab } = await labApi();
    const before = lab.clock.nowMs();
    const [answer] = await entriesOf(api, 'aliyun lab AdvanceClock --Days 7');
    const now = Date.parse(String(responseOf(answer).Now));
    expect(now - before).toBeGreaterThanOrEqual(7 * 86_400_000 - 1000);
  });

  it('lastOutputText is everything after the last command, without completion lists', () => {
    const entries: Entry[] = [
      { kind: 'command', text: 'a' }, { kind: 'text', text: 'old' },
      { kind: 'command', text: 'b' }, { kind: 'response', value: { X: 1 } }, { kind: 'candidates', names: ['p', 'q'] },
    ];
    expect(lastOutputText(entries)).toBe('{\n  "X": 1\n}');
    expect(lastOutputText([{ kind: 'command', text: 'a' }])).toBeUndefined();
  });
});

describe('completion from --help', () => {
  it('namesFromHelp reads products, actions and parameters', async () => {
    const { api } = await labApi();
    expect(namesFromHelp(api.helpText())).toEqual(['kms', 'lab']);
    expect(namesFromHelp(api.helpText('kms'))).toContain('GenerateDataKey');
    expect(namesFromHelp(api.helpText('kms', 'Encrypt'))).toEqual(expect.arrayContaining(['KeyId', 'Plaintext', 'EncryptionContext', 'RegionId']));
    expect(namesFromHelp(api.helpText('nope'))).toEqual([]);
  });

  it('completes products, actions (case-insensitively) and parameters; lists several', async () => {
    const { api } = await labApi();
    const help = api.helpText;
    expect(complete('aliyun k', help)).toEqual({ line: 'aliyun kms ', candidates: [] });
    expect(complete('aliyun kms CreateA', help)).toEqual({ line: 'aliyun kms CreateAlias ', candidates: [] });
    expect(complete('aliyun kms CreateK', help)).toEqual({ line: 'aliyun kms CreateKey', candidates: ['CreateKey', 'CreateKeyVersion'] });
    expect(complete('aliyun kms createa', help).line).toBe('aliyun kms CreateAlias ');
    expect(complete('aliyun lab Adv', help).line).toBe('aliyun lab AdvanceClock ');
    expect(complete('aliyun kms Enc', help)).toEqual({ line: 'aliyun kms Encrypt ', candidates: [] });
    const many = complete('aliyun kms Generate', help);
    expect(many.line).toBe('aliyun kms GenerateDataKey');
    expect(many.candidates).toEqual(expect.arrayContaining(['GenerateDataKey', 'GenerateDataKeyWithoutPlaintext']));
    expect(complete('aliyun kms Encrypt --Key', help).line).toBe('aliyun kms Encrypt --KeyId ');
    expect(complete('aliyun kms Encrypt --KeyId k --Pl', help).line).toBe('aliyun kms Encrypt --KeyId k --Plaintext ');
    expect(complete('aliyun kms Encrypt --KeyId k --Ke', help).candidates).toEqual([]); // already given
    expect(complete('al', help).line).toBe('aliyun ');
  });

  it('leaves values, quoted lines and unknown words alone', async () => {
    const { api } = await labApi();
    for (const line of ['aliyun kms Encrypt --KeyId al', "aliyun kms CreateKey --Description 'de", 'aliyun zz', 'aliyun kms Nope']) {
      expect(complete(line, api.helpText)).toEqual({ line, candidates: [] });
    }
  });
});

describe('the ` shortcut', () => {
  const key = (target: unknown, extra: Partial<KeyboardEvent> = {}) => ({ key: '`', ctrlKey: false, altKey: false, metaKey: false, target, ...extra });

  it('opens from the page but never from a field the reader is typing in', () => {
    expect(isTerminalShortcut(key({ tagName: 'BODY' }))).toBe(true);
    expect(isTerminalShortcut(key({ tagName: 'BUTTON' }))).toBe(true);
    expect(isTerminalShortcut(key({ tagName: 'INPUT', type: 'checkbox' }))).toBe(true);
    for (const field of [{ tagName: 'INPUT', type: 'text' }, { tagName: 'INPUT', type: 'number' }, { tagName: 'TEXTAREA' }, { tagName: 'SELECT' }, { tagName: 'DIV', isContentEditable: true }]) {
      expect(isEditable(field)).toBe(true);
      expect(isTerminalShortcut(key(field))).toBe(false);
    }
  });

  it('ignores modifiers (other than Shift), IME composition and handled events', () => {
    const body = { tagName: 'BODY' };
    expect(isTerminalShortcut(key(body, { ctrlKey: true }))).toBe(false);
    expect(isTerminalShortcut(key(body, { metaKey: true }))).toBe(false);
    expect(isTerminalShortcut(key(body, { isComposing: true }))).toBe(false);
    expect(isTerminalShortcut(key(body, { defaultPrevented: true }))).toBe(false);
    expect(isTerminalShortcut(key(body, { shiftKey: true }))).toBe(true);
    expect(isTerminalShortcut({ ...key(body), key: 'a' })).toBe(false);
  });
});
