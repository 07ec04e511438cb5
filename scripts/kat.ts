// npm run kat -- FILE.json: runs the wasm XTS kernel in Node over known-answer vectors in the format
// of ../shared/vectors/xts-ieee1619.json (key = Key1‖Key2 hex, tweak = 16 bytes taken as a full
// 128-bit little-endian unit number, plaintext/ciphertext hex; decryptOnly entries decrypt only).
// Prints one line per failure, then "N passed, M failed"; exits 1 if any failed, 2 on unusable input.
import { readFileSync } from 'node:fs';
import { createKernel } from '../web/adapters/engine/kernel';
// @ts-expect-error plain ESM helper without types
import { ensureWasm } from './lib/ensure-wasm.mjs';

interface Entry { name?: string; key: string; tweak: string; plaintext: string; ciphertext: string; decryptOnly?: boolean }

function fail(message: string): never {
  console.error(`kat: ${message}`);
  process.exit(2);
}

function hexField(e: Record<string, unknown>, field: string, where: string, bytes?: number): Uint8Array {
  const v = e[field];
  if (typeof v !== 'string' || !/^([0-9a-fA-F]{2})*$/.test(v)) throw new Error(`${where}: "${field}" expected a hex string`);
  if (bytes !== undefined && v.length !== bytes * 2) throw new Error(`${where}: "${field}" expected ${bytes} bytes, got ${v.length / 2}`);
  return Uint8Array.from(Buffer.from(v, 'hex'));
}

const file = process.argv[2];
if (!file) fail('usage: npm run kat -- FILE.json');
let entries: unknown;
try {
  entries = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  fail(`cannot read ${file}: ${(error as Error).message}`);
}
if (!Array.isArray(entries)) fail(`${file}: expected a JSON array of vectors`);

const kernel = await createKernel(readFileSync(ensureWasm()));
let passed = 0, failed = 0;
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

(entries as Record<string, unknown>[]).forEach((e, i) => {
  const where = `#${i}${typeof e?.name === 'string' ? ` ${e.name}` : ''}`;
  let slot: number | undefined;
  try {
    if (typeof e !== 'object' || e === null) throw new Error(`${where}: expected an object`);
    const key = hexField(e, 'key', where);
    const tweak = hexField(e, 'tweak', where, 16);
    const plain = hexField(e, 'plaintext', where);
    const cipher = hexField(e, 'ciphertext', where);
    if (plain.length !== cipher.length) throw new Error(`${where}: plaintext and ciphertext lengths differ`);
    let unit = 0n;
    for (let b = 15; b >= 0; b--) unit = (unit << 8n) | BigInt(tweak[b]);
    slot = kernel.loadKey(key);
    const checks: ['encrypt' | 'decrypt', Uint8Array, Uint8Array][] = [];
    if (e.decryptOnly !== true) checks.push(['encrypt', plain, cipher]);
    checks.push(['decrypt', cipher, plain]);
    for (const [dir, input, want] of checks) {
      const data = input.slice();
      try {
        if (dir === 'encrypt') kernel.encryptUnits(slot, unit, data.length, data);
        else kernel.decryptUnits(slot, unit, data.length, data);
      } catch (error) {
        failed++;
        console.log(`FAIL ${where} ${dir}: ${(error as Error).message}`);
        continue;
      }
      if (toHex(data) === toHex(want)) passed++;
      else { failed++; console.log(`FAIL ${where} ${dir}: got ${toHex(data).slice(0, 64)}…, want ${toHex(want).slice(0, 64)}…`); }
    }
  } catch (error) {
    failed++;
    console.log(`FAIL ${(error as Error).message}`);
  } finally {
    if (slot !== undefined) kernel.releaseKey(slot);
  }
});

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
