// Shared set-up for the disk-layer tests: a DiskService over the in-memory store and locks and the
// in-process wasm cipher, deterministic ids and clock, seeded bytes, and the node:crypto XTS oracle.
import { createHash } from 'node:crypto';
import { DiskService } from '../../../web/core/disks/disk-service';
import { MemoryDiskStore, type MemoryDiskStoreOptions } from '../../../web/adapters/memory/memory-disk-store';
import { MemoryLocks } from '../../../web/adapters/memory/memory-locks';
import { createInlineCipher, type InlineCipher } from '../../support/inline-cipher';

export interface Lab {
  service: DiskService;
  store: MemoryDiskStore;
  locks: MemoryLocks;
  cipher: InlineCipher;
}

export async function makeLab(options: MemoryDiskStoreOptions = {}): Promise<Lab> {
  const store = new MemoryDiskStore(options);
  const locks = new MemoryLocks();
  const cipher = await createInlineCipher();
  let n = 0;
  const service = new DiskService({
    store, cipher, locks,
    now: () => new Date(Date.UTC(2025, 0, 1, 0, 0, 0, n)),
    newId: (prefix) => `${prefix}-${String(++n).padStart(6, '0')}`,
  });
  return { service, store, locks, cipher };
}

/** Deterministic pseudo-random bytes (xorshift32), so failures reproduce. */
export function seededBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A 64-byte XTS key with distinct halves. */
export function knownKey(seed: number): Uint8Array {
  return seededBytes(64, seed);
}

/** Awaits a promise expected to reject with a CloudError and returns its code. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: string }).code ?? `no code: ${String(error)}`;
  }
  return 'resolved';
}

/** Byte equality with the first differing offset in the message (toEqual on large arrays is slow). */
export function expectBytes(actual: Uint8Array, expected: Uint8Array, label = 'bytes'): void {
  if (actual.length !== expected.length) throw new Error(`${label}: length ${actual.length}, expected ${expected.length}`);
  if (Buffer.compare(Buffer.from(actual.buffer, actual.byteOffset, actual.length), Buffer.from(expected.buffer, expected.byteOffset, expected.length)) === 0) return;
  let i = 0;
  while (actual[i] === expected[i]) i++;
  throw new Error(`${label}: first difference at byte ${i} (sector ${Math.floor(i / 512)}): ${actual[i]} vs ${expected[i]}`);
}

/** A digest of everything a MemoryDiskStore holds: equal digests = byte-identical stores (fast on big stores). */
export function fingerprint(store: MemoryDiskStore): string {
  const dump = store.dump();
  const hash = createHash('sha256').update(JSON.stringify({ disks: dump.disks, snapshots: dump.snapshots, refs: dump.refs }));
  for (const { id, data } of dump.chunks) hash.update(id).update(data);
  return hash.digest('hex');
}
