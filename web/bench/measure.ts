// Benchmark kernels shared by the Node and the Chromium runs of `npm run bench`: each
// implementation encrypts/decrypts the same buffer in turn, round after round, so that the noise of
// a shared machine falls on all of them alike; a figure is the median over rounds (MiB/s).
import type { XtsKernel } from '../adapters/engine/xts-types';

export interface BenchResult { env: string; impl: string; op: string; unit: number; mibps: number }

export interface Contender {
  impl: string;
  op: 'encrypt' | 'decrypt';
  unit: number;
  bytes: number;
  run(data: Uint8Array<ArrayBuffer>): void | Promise<void>;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** XTS contenders over one engine: encrypt and decrypt at each unit size. */
export function xtsContenders(impl: string, engine: XtsKernel, bytes: number, units: number[]): Contender[] {
  const key = new Uint8Array(64);
  for (let i = 0; i < 64; i++) key[i] = (i * 73 + 19) & 0xff;
  const slot = engine.loadKey(key);
  key.fill(0);
  const out: Contender[] = [];
  for (const unit of units) {
    out.push({ impl, op: 'encrypt', unit, bytes, run: (d) => engine.encryptSectors(slot, 1000n, unit, d.subarray(0, bytes)) });
    out.push({ impl, op: 'decrypt', unit, bytes, run: (d) => engine.decryptSectors(slot, 1000n, unit, d.subarray(0, bytes)) });
  }
  return out;
}

/** Runs every contender once per round (after one warm-up round) and reports medians. */
export async function measure(env: string, contenders: Contender[], rounds: number, onRound?: (r: number) => void): Promise<BenchResult[]> {
  const maxBytes = Math.max(...contenders.map((c) => c.bytes));
  const data = new Uint8Array(maxBytes);
  for (let i = 0; i < data.length; i += 65536) globalThis.crypto.getRandomValues(data.subarray(i, Math.min(i + 65536, data.length)));
  const times = contenders.map(() => [] as number[]);
  for (let r = 0; r <= rounds; r++) {
    for (let i = 0; i < contenders.length; i++) {
      const t0 = performance.now();
      await contenders[i].run(data);
      const ms = performance.now() - t0;
      if (r > 0) times[i].push(contenders[i].bytes / (1 << 20) / (ms / 1000));
    }
    onRound?.(r);
  }
  return contenders.map((c, i) => ({ env, impl: c.impl, op: c.op, unit: c.unit, mibps: median(times[i]) }));
}
