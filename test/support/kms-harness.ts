// A whole lab core in memory for Node tests: fake clock, seeded random, in-memory KMS + audit
// stores, the KMS service, the Lab controls and the action router wired as main.tsx will wire them.
import { ActionRouter, type ApiResponse } from '../../web/core/api/router';
import type { AuditFailure } from '../../web/core/api/context';
import { AuditLog } from '../../web/core/audit/audit-log';
import { MemoryAuditStore } from '../../web/core/audit/memory-audit-store';
import { createFakeClock, type FakeLabClock } from '../../web/core/clock';
import { LabControls, MemoryLabStateStore } from '../../web/core/lab/lab-product';
import { KmsService } from '../../web/core/kms/kms-service';
import { MemoryKmsStore } from '../../web/core/kms/memory/memory-kms-store';
import type { RandomPort } from '../../web/core/kms/ports';
import type { DataKeyHandle, SectorCipher, WrappedDataKey } from '../../web/core/ports';

/** mulberry32: a small seeded PRNG; ids and IVs repeat per seed, which tests want. */
export function seededRandom(seed = 1): RandomPort {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const fill = <T extends Uint8Array>(bytes: T): T => {
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(next() * 256);
    return bytes;
  };
  return {
    fill,
    uuid() {
      const b = fill(new Uint8Array(16));
      b[6] = (b[6] & 0x0f) | 0x40;
      b[8] = (b[8] & 0x3f) | 0x80;
      const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    },
  };
}

export interface KmsLab {
  clock: FakeLabClock;
  random: RandomPort;
  auditStore: MemoryAuditStore;
  store: MemoryKmsStore;
  audit: AuditLog;
  kms: KmsService;
  lab: LabControls;
  router: ActionRouter;
  auditFailures: AuditFailure[];
  /** router.call('Kms', action, params) */
  kmsCall(action: string, params?: unknown): Promise<ApiResponse>;
  /** A CMK id made by CreateKey. */
  newKey(params?: Record<string, unknown>): Promise<string>;
}

export async function createKmsLab(options: { seed?: number; maxKeysPerRegion?: number } = {}): Promise<KmsLab> {
  const clock = createFakeClock();
  const random = seededRandom(options.seed ?? 7);
  const auditStore = new MemoryAuditStore();
  const store = new MemoryKmsStore(auditStore);
  const audit = new AuditLog(auditStore, clock, () => random.uuid());
  const auditFailures: AuditFailure[] = [];
  const onAuditFailure = (f: AuditFailure) => auditFailures.push(f);
  const kms = new KmsService({ store, audit, clock, random, maxKeysPerRegion: options.maxKeysPerRegion, onAuditFailure });
  const lab = new LabControls({
    clock, store: new MemoryLabStateStore(), dueProcessors: [() => kms.processDue()], resetters: [() => kms.reset(), () => auditStore.clear()],
  });
  await lab.load();
  const router = new ActionRouter({
    audit, currentAccountId: () => lab.currentAccountId(), defaultRegionId: () => lab.currentRegionId(), newId: () => random.uuid(), onAuditFailure,
  });
  router.register(kms.product);
  router.register(lab.product());
  const kmsCall = (action: string, params?: unknown) => router.call('Kms', action, params);
  const newKey = async (params: Record<string, unknown> = {}) => ((await kmsCall('CreateKey', params)).KeyMetadata as { KeyId: string }).KeyId;
  return { clock, random, auditStore, store, audit, kms, lab, router, auditFailures, kmsCall, newKey };
}

/** Resolves with the rejection (an ApiError) of `promise`; fails if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<{ Code: string; HttpStatus: number; Message: string; RequestId: string; code: string }> {
  try {
    await promise;
  } catch (error) {
    return error as never;
  }
  throw new Error('expected a rejection, the call resolved');
}

/** A SectorCipher that unwraps like the workers do and records what it was given. */
export class RecordingCipher implements SectorCipher {
  readonly workerCount = 1;
  readonly loads: WrappedDataKey[] = [];
  readonly keys = new Map<DataKeyHandle, Uint8Array>();
  readonly released: DataKeyHandle[] = [];

  async loadWrappedKey(key: WrappedDataKey): Promise<DataKeyHandle> {
    this.loads.push(key);
    if (key.kek.extractable) throw new TypeError('"kek" expected a non-extractable CryptoKey');
    let plain: ArrayBuffer;
    try {
      plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: key.blob.slice(0, 12), additionalData: key.aad.slice() }, key.kek, key.blob.slice(12));
    } catch (error) {
      throw Object.assign(new Error('"blob" did not unwrap', { cause: error }), { code: 'InvalidCiphertext' });
    }
    const handle = `dk-${this.keys.size + 1}`;
    this.keys.set(handle, new Uint8Array(plain));
    return handle;
  }
  async generateSessionKey(): Promise<DataKeyHandle> { throw new Error('not used'); }
  /** Data keys made "in the pool" (kept here so tests can compare what unwraps later). */
  readonly generated: Uint8Array[] = [];
  async generateWrappedKey(kek: CryptoKey, aad: Uint8Array): Promise<Uint8Array> {
    if (kek.extractable) throw new TypeError('"kek" expected a non-extractable CryptoKey');
    const key = crypto.getRandomValues(new Uint8Array(64));
    this.generated.push(key.slice());
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad.slice() }, kek, key));
    key.fill(0);
    const out = new Uint8Array(12 + sealed.length);
    out.set(iv);
    out.set(sealed, 12);
    return out;
  }
  async releaseKey(handle: DataKeyHandle) { this.released.push(handle); this.keys.delete(handle); }
  async encryptSectors(): Promise<ArrayBuffer[]> { throw new Error('not used'); }
  async decryptSectors(): Promise<ArrayBuffer[]> { throw new Error('not used'); }
}
