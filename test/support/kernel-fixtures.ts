// Helpers for tests that run the wasm kernel in Node: load the built module and the IEEE 1619
// vectors (from ../shared/vectors when present, else the app's copy of the same file).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createKernel } from '../../web/adapters/engine/kernel';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface XtsVector { name: string; key: string; tweak: string; plaintext: string; ciphertext: string; decryptOnly?: boolean }

export function readVectors(): XtsVector[] {
  const shared = `${root}../shared/vectors/xts-ieee1619.json`;
  const copy = `${root}web/adapters/engine/xts-ieee1619.json`;
  return JSON.parse(readFileSync(existsSync(shared) ? shared : copy, 'utf8')) as XtsVector[];
}

export function loadTestKernel() {
  const wasm = `${root}web/generated/xts.wasm`;
  if (!existsSync(wasm)) throw new Error(`${wasm} is missing: run "npm run build:wasm" first`);
  return createKernel(readFileSync(wasm));
}

export const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'));
export const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** A 16-byte tweak field → the 128-bit little-endian data-unit number. */
export function tweakToUnit(tweak: Uint8Array): bigint {
  let v = 0n;
  for (let i = 15; i >= 0; i--) v = (v << 8n) | BigInt(tweak[i]);
  return v;
}

export function unitToTweak(unit: bigint): Buffer {
  const t = Buffer.alloc(16);
  for (let i = 0; i < 16; i++) { t[i] = Number(unit & 0xffn); unit >>= 8n; }
  return t;
}
