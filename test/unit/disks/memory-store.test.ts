// The in-memory DiskStore and LockPort twins (adapters/memory): all-or-nothing commits, refs that
// reach 0 delete their chunk, `expect` → DiskBusy, 'relaxed' refused for record changes, no aliasing,
// fault injection; locks exclusive/shared in FIFO order.
import { describe, expect, it } from 'vitest';
import { MemoryDiskStore } from '../../../web/adapters/memory/memory-disk-store';
import { MemoryLocks } from '../../../web/adapters/memory/memory-locks';
import '../../../web/core/disks/errors';
import type { DiskRecord } from '../../../web/core/disks/types';
import { codeOf } from './helpers';

const disk = (id: string, generation = 1, chunks: Record<number, string> = {}): DiskRecord => ({
  id, name: id, sizeBytes: 8192, chunkBytes: 4096, encryption: { isEncrypted: false }, chunks, generation, state: 'ok', createdAt: '2025-01-01T00:00:00.000Z',
});
const bytes = (fill: number) => new Uint8Array(4096).fill(fill).buffer;

describe('memory disk store', () => {
  it('a commit lands whole: records, chunks and refs together', async () => {
    const store = new MemoryDiskStore();
    await store.commit({ putDisks: [disk('d1', 1, { 0: 'c1' })], putChunks: [{ id: 'c1', data: bytes(7) }], refDeltas: { c1: 1 } }, 'strict');
    expect((await store.getDisk('d1'))?.chunks).toEqual({ 0: 'c1' });
    expect(new Uint8Array((await store.getChunks(['c1', 'nope']))[0]!.data)[0]).toBe(7);
    expect((await store.getChunks(['nope']))[0]).toBeUndefined();
    expect(await store.getRefs(['c1', 'nope'])).toEqual([1, 0]);
    expect(store.counts.strict).toBe(1);
  });

  it('a reference count reaching 0 deletes the chunk in the same commit', async () => {
    const store = new MemoryDiskStore();
    await store.commit({ putChunks: [{ id: 'c1', data: bytes(1) }], refDeltas: { c1: 2 } }, 'strict');
    await store.commit({ refDeltas: { c1: -1 } }, 'strict');
    expect(store.chunkCount()).toBe(1);
    await store.commit({ refDeltas: { c1: -1 } }, 'strict');
    expect(store.chunkCount()).toBe(0);
    expect(await store.getRefs(['c1'])).toEqual([0]);
  });

  it('an injected fault mid-commit changes nothing (IOError, QuotaExceeded)', async () => {
    const store = new MemoryDiskStore();
    await store.commit({ putDisks: [disk('d1')], putChunks: [{ id: 'a', data: bytes(1) }], refDeltas: { a: 1 } }, 'strict');
    const before = store.dump();
    store.failNextCommit('IOError', 1);
    expect(await codeOf(store.commit({ putDisks: [disk('d1', 2)], putChunks: [{ id: 'a', data: bytes(2) }, { id: 'b', data: bytes(3) }], refDeltas: { b: 1 } }, 'strict'))).toBe('IOError');
    expect(store.dump()).toEqual(before);
    store.failNextCommit('QuotaExceeded');
    expect(await codeOf(store.commit({ putChunks: [{ id: 'b', data: bytes(3) }], refDeltas: { b: 1 } }, 'strict'))).toBe('QuotaExceeded');
    expect(store.dump()).toEqual(before);
    expect(store.counts.failed).toBe(2);
  });

  it('a quota: the commit that would pass it fails with QuotaExceeded and changes nothing', async () => {
    const store = new MemoryDiskStore({ quotaBytes: 8192 });
    await store.commit({ putChunks: [{ id: 'a', data: bytes(1) }, { id: 'b', data: bytes(1) }], refDeltas: { a: 1, b: 1 } }, 'strict');
    expect(await codeOf(store.commit({ putChunks: [{ id: 'c', data: bytes(1) }], refDeltas: { c: 1 } }, 'strict'))).toBe('QuotaExceeded');
    expect(store.chunkCount()).toBe(2);
  });

  it('expect with a moved or missing generation rejects with DiskBusy and changes nothing', async () => {
    const store = new MemoryDiskStore();
    await store.commit({ putDisks: [disk('d1', 3)] }, 'strict');
    expect(await codeOf(store.commit({ putDisks: [disk('d1', 4)], expect: [{ diskId: 'd1', generation: 2 }] }, 'strict'))).toBe('DiskBusy');
    expect(await codeOf(store.commit({ putDisks: [disk('d2')], expect: [{ diskId: 'zz', generation: 1 }] }, 'strict'))).toBe('DiskBusy');
    expect((await store.getDisk('d1'))?.generation).toBe(3);
    expect(await store.getDisk('d2')).toBeUndefined();
  });

  it("'relaxed' is refused for record, map and reference changes; allowed for chunk data alone", async () => {
    const store = new MemoryDiskStore();
    await store.commit({ putDisks: [disk('d1')], putChunks: [{ id: 'a', data: bytes(1) }], refDeltas: { a: 1 } }, 'strict');
    await expect(store.commit({ putDisks: [disk('d1', 2)] }, 'relaxed')).rejects.toThrow(/relaxed/);
    await expect(store.commit({ refDeltas: { a: 1 } }, 'relaxed')).rejects.toThrow(/relaxed/);
    await store.commit({ putChunks: [{ id: 'a', data: bytes(9) }], expect: [{ diskId: 'd1', generation: 1 }] }, 'relaxed');
    expect(store.counts.relaxed).toBe(1);
    expect(new Uint8Array((await store.getChunks(['a']))[0]!.data)[0]).toBe(9);
  });

  it('refuses a double free and an unreferenced chunk (bugs in the caller), changing nothing', async () => {
    const store = new MemoryDiskStore();
    await expect(store.commit({ refDeltas: { a: -1 } }, 'strict')).rejects.toThrow(/reference count/);
    await expect(store.commit({ putChunks: [{ id: 'a', data: bytes(1) }] }, 'strict')).rejects.toThrow(/no reference/);
    expect(store.chunkCount()).toBe(0);
  });

  it('copies on put and get: neither the caller nor a reader can change stored bytes or records', async () => {
    const store = new MemoryDiskStore();
    const data = new Uint8Array(bytes(1));
    const record = disk('d1', 1, { 0: 'a' });
    await store.commit({ putDisks: [record], putChunks: [{ id: 'a', data: data.buffer }], refDeltas: { a: 1 } }, 'strict');
    data.fill(5);
    record.chunks[1] = 'x';
    const got = (await store.getChunks(['a']))[0]!;
    new Uint8Array(got.data).fill(6);
    (await store.getDisk('d1'))!.chunks[2] = 'y';
    expect(new Uint8Array((await store.getChunks(['a']))[0]!.data)[0]).toBe(1);
    expect((await store.getDisk('d1'))!.chunks).toEqual({ 0: 'a' });
  });

  it('failReads makes every read fail closed until cleared', async () => {
    const store = new MemoryDiskStore();
    store.failReads('StorageUnavailable');
    expect(await codeOf(store.getChunks(['a']))).toBe('StorageUnavailable');
    store.failReads(undefined);
    expect(await store.getChunks(['a'])).toEqual([undefined]);
  });
});

describe('memory locks', () => {
  const tick = () => new Promise((resolve) => setImmediate(resolve));

  it('exclusive holders run one at a time, in arrival order', async () => {
    const locks = new MemoryLocks();
    const order: string[] = [];
    const job = (name: string) => locks.withLock('x', 'exclusive', async () => { order.push(`+${name}`); await tick(); order.push(`-${name}`); });
    await Promise.all([job('a'), job('b'), job('c')]);
    expect(order).toEqual(['+a', '-a', '+b', '-b', '+c', '-c']);
    expect(locks.heldNames()).toEqual([]);
  });

  it('shared holders run together; a waiting exclusive request is not overtaken by later shared ones', async () => {
    const locks = new MemoryLocks();
    const order: string[] = [];
    const job = (name: string, mode: 'shared' | 'exclusive') => locks.withLock('x', mode, async () => { order.push(`+${name}`); await tick(); order.push(`-${name}`); });
    await Promise.all([job('r1', 'shared'), job('r2', 'shared'), job('w', 'exclusive'), job('r3', 'shared')]);
    expect(order).toEqual(['+r1', '+r2', '-r1', '-r2', '+w', '-w', '+r3', '-r3']);
  });

  it('a failing holder releases the lock and its error reaches the caller', async () => {
    const locks = new MemoryLocks();
    await expect(locks.withLock('x', 'exclusive', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(await locks.withLock('x', 'exclusive', async () => 7)).toBe(7);
  });
});
