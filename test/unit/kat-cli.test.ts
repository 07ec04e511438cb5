// npm run kat: all IEEE vectors pass; a corrupted vector is reported on its own line and the exit code says so.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readVectors } from '../support/kernel-fixtures';

const root = fileURLToPath(new URL('../..', import.meta.url));
const runKat = (file: string) => spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/kat.ts'), file], { encoding: 'utf8' });

describe('kat CLI', () => {
  it('passes every IEEE 1619 vector and exits 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kat-'));
    const file = join(dir, 'v.json');
    const vectors = readVectors();
    writeFileSync(file, JSON.stringify(vectors));
    const r = runKat(file);
    const checks = vectors.reduce((n, v) => n + (v.decryptOnly ? 1 : 2), 0);
    expect(r.stdout.trim().split('\n').at(-1)).toBe(`${checks} passed, 0 failed`);
    expect(r.status).toBe(0);
  });

  it('prints a line per failure, then the count, and exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kat-'));
    const file = join(dir, 'v.json');
    const [first] = readVectors().filter((v) => !v.decryptOnly);
    const wrong = { ...first, ciphertext: (first.ciphertext[0] === '0' ? '1' : '0') + first.ciphertext.slice(1) };
    writeFileSync(file, JSON.stringify([wrong]));
    const r = runKat(file);
    const lines = r.stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('FAIL'))).toHaveLength(2);
    expect(lines.at(-1)).toBe('0 passed, 2 failed');
    expect(r.status).toBe(1);
  });
});
