// EngineDiagnostics (web/core/ports.ts) for the About page: the IEEE 1619 known answers run in both
// directions on every worker of the pool, and a short throughput measurement beside WebCrypto AES-CTR.
// xts-ieee1619.json is a copy of ../shared/vectors/xts-ieee1619.json (IEEE Std 1619-2007 Annex B; see its README).
import type { EngineDiagnostics, SelfTestResult, ThroughputResult } from '../../core/ports';
import type { CryptoPool } from './pool';
import { wrapPublicTestKey } from './public-test-key';
import ieeeVectors from './xts-ieee1619.json';

export interface XtsVector {
  name: string;
  key: string;
  tweak: string;
  plaintext: string;
  ciphertext: string;
  decryptOnly?: boolean;
}

export interface DiagnosticsOptions {
  vectors?: readonly XtsVector[];
  /** Bytes per measured operation; several 1 MiB segments so every worker takes part. */
  throughputBytes?: number;
  /** Measured repetitions (the median is reported), after one unmeasured warm-up. */
  reps?: number;
}

const MIB = 1 << 20;
const SECTOR = 4096;
const AAD = new TextEncoder().encode('disk-encryption-lab/self-test');

export function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  if (!/^(?:[0-9a-f]{2})*$/i.test(hex)) throw new RangeError(`"hex" expected an even number of hex digits, got ${hex.slice(0, 20)}`);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** The 16 tweak bytes as the 128-bit little-endian data-unit number the kernel takes. */
function tweakNumber(tweak: Uint8Array): bigint {
  let n = 0n;
  for (let i = tweak.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(tweak[i]);
  return n;
}

function firstDifference(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function messageOf(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}

async function checkVector(pool: CryptoPool, v: XtsVector): Promise<SelfTestResult[]> {
  const ops: SelfTestResult['op'][] = v.decryptOnly ? ['decrypt'] : ['encrypt', 'decrypt'];
  const workers = [...Array(pool.workerCount).keys()];
  let handle: string;
  try {
    handle = await pool.loadWrappedKey(await wrapPublicTestKey(fromHex(v.key), AAD));
  } catch (thrown) {
    // Reported as failed checks, so the page shows which case could not run and why.
    return ops.map((op) => ({ name: v.name, op, isPassed: false, detail: `key did not load: ${messageOf(thrown)}` }));
  }
  try {
    const tweak = tweakNumber(fromHex(v.tweak));
    const results: SelfTestResult[] = [];
    for (const op of ops) {
      const [input, expected] = op === 'encrypt' ? [v.plaintext, v.ciphertext] : [v.ciphertext, v.plaintext];
      const want = fromHex(expected);
      const failures = await Promise.all(workers.map(async (i) => {
        try {
          const data = fromHex(input);
          const out = new Uint8Array(await pool.runUnitsOnWorker(i, op, handle, tweak, data.length, data.buffer));
          const at = firstDifference(out, want);
          return at < 0 ? null : `worker ${i}: wrong output from byte ${at}`;
        } catch (thrown) {
          return `worker ${i}: ${messageOf(thrown)}`;
        }
      }));
      const failed = failures.filter((f): f is string => f !== null);
      results.push({ name: v.name, op, isPassed: failed.length === 0, detail: failed.length ? failed.join('; ') : `${workers.length} of ${workers.length} workers` });
    }
    if (v.decryptOnly) results.push(await checkEqualHalvesRefused(pool, handle, tweak, v));
    return results;
  } finally {
    await pool.releaseKey(handle);
  }
}

/** Key1 = Key2 is valid for decryption only; every worker must refuse to encrypt with it. */
async function checkEqualHalvesRefused(pool: CryptoPool, handle: string, tweak: bigint, v: XtsVector): Promise<SelfTestResult> {
  const accepted: number[] = [];
  await Promise.all([...Array(pool.workerCount).keys()].map(async (i) => {
    const data = fromHex(v.plaintext);
    try {
      await pool.runUnitsOnWorker(i, 'encrypt', handle, tweak, data.length, data.buffer);
      accepted.push(i);
    } catch (thrown) {
      if (!/Key1 equals Key2/.test(messageOf(thrown))) accepted.push(i); // refused for another reason: not the check
    }
  }));
  return {
    name: v.name,
    op: 'encrypt',
    isPassed: accepted.length === 0,
    detail: accepted.length === 0 ? 'refused (Key1 = Key2), as IEEE 1619 requires' : `worker ${accepted.join(', ')} did not refuse Key1 = Key2`,
  };
}

async function runSelfTest(pool: CryptoPool, vectors: readonly XtsVector[]): Promise<SelfTestResult[]> {
  const results: SelfTestResult[] = [];
  // One vector at a time: each key goes to every worker, and the page lists cases in file order.
  for (const v of vectors) results.push(...(await checkVector(pool, v)));
  return results;
}

function patternSegments(bytes: number): ArrayBuffer[] {
  const size = Math.min(MIB, bytes);
  const segments: ArrayBuffer[] = [];
  for (let done = 0; done < bytes; done += size) {
    const words = new Uint32Array(Math.min(size, bytes - done) / 4);
    // Content does not change AES timing; a counter keeps the round-trip check meaningful.
    for (let i = 0; i < words.length; i++) words[i] = Math.imul(done / 4 + i, 0x9e3779b1);
    segments.push(words.buffer);
  }
  return segments;
}

async function measureThroughput(pool: CryptoPool, bytes: number, reps: number, onProgress?: (done: number, total: number) => void): Promise<ThroughputResult[]> {
  const total = 2 * (reps + 1);
  let done = 0;
  const step = () => onProgress?.(++done, total);
  const rate = (ms: number) => bytes / MIB / (ms / 1000);
  const timings = { kernelEncrypt: [] as number[], kernelDecrypt: [] as number[], ctrEncrypt: [] as number[], ctrDecrypt: [] as number[] };

  const handle = await pool.generateSessionKey();
  try {
    let segments = patternSegments(bytes);
    const reference = patternSegments(bytes);
    for (let rep = 0; rep <= reps; rep++) {
      const t0 = performance.now();
      const encrypted = await pool.encryptSectors(handle, 0n, SECTOR, segments);
      const t1 = performance.now();
      segments = await pool.decryptSectors(handle, 0n, SECTOR, encrypted);
      const t2 = performance.now();
      // Rep 0 warms up: the wasm tier-up and first-touch costs would otherwise count.
      if (rep > 0) { timings.kernelEncrypt.push(rate(t1 - t0)); timings.kernelDecrypt.push(rate(t2 - t1)); }
      step();
    }
    segments.forEach((s, i) => {
      if (firstDifference(new Uint8Array(s), new Uint8Array(reference[i])) >= 0) throw new Error('throughput run: decrypt(encrypt(x)) differs from x');
    });
  } finally {
    await pool.releaseKey(handle);
  }

  const ctrKey = await crypto.subtle.generateKey({ name: 'AES-CTR', length: 256 }, false, ['encrypt', 'decrypt']);
  const ctr = { name: 'AES-CTR', counter: new Uint8Array(16), length: 64 };
  const data = new Uint8Array(bytes);
  for (let rep = 0; rep <= reps; rep++) {
    const t0 = performance.now();
    const sealed = await crypto.subtle.encrypt(ctr, ctrKey, data);
    const t1 = performance.now();
    await crypto.subtle.decrypt(ctr, ctrKey, sealed);
    const t2 = performance.now();
    if (rep > 0) { timings.ctrEncrypt.push(rate(t1 - t0)); timings.ctrDecrypt.push(rate(t2 - t1)); }
    step();
  }

  return [
    { impl: 'kernel-pool', op: 'encrypt', mibps: median(timings.kernelEncrypt), bytes },
    { impl: 'kernel-pool', op: 'decrypt', mibps: median(timings.kernelDecrypt), bytes },
    { impl: 'webcrypto-aes-ctr', op: 'encrypt', mibps: median(timings.ctrEncrypt), bytes },
    { impl: 'webcrypto-aes-ctr', op: 'decrypt', mibps: median(timings.ctrDecrypt), bytes },
  ];
}

export function createEngineDiagnostics(pool: CryptoPool, options: DiagnosticsOptions = {}): EngineDiagnostics {
  const vectors = options.vectors ?? (ieeeVectors as XtsVector[]);
  const bytes = options.throughputBytes ?? 16 * MIB;
  const reps = options.reps ?? 3;
  if (!Number.isInteger(bytes) || bytes <= 0 || bytes % SECTOR !== 0) {
    throw new RangeError(`"throughputBytes" expected a positive multiple of ${SECTOR}, got ${bytes}`);
  }
  if (!Number.isInteger(reps) || reps < 1) throw new RangeError(`"reps" expected an integer ≥ 1, got ${reps}`);
  return {
    get workerCount() { return pool.workerCount; },
    runSelfTest: () => runSelfTest(pool, vectors),
    measureThroughput: (onProgress) => measureThroughput(pool, bytes, reps, onProgress),
  };
}
