// The inspector's pure helpers: hex/ASCII rows, differing bytes, allocation-map cell kinds and
// sector arithmetic, the demo disk's text and write plan, disk summaries, byte formatting, errors.
import { describe, expect, it } from 'vitest';
import type { ChunkInfo } from '../../web/core/disks/api';
import type { DiskRecord } from '../../web/core/disks/types';
import { asciiChar, differingBytes, hexOffset, hexRows } from '../../web/ui/inspector/hex-format';
import {
  cellClass, cellKind, chunkOfSector, clampSector, firstSectorOfChunk, meanAllocatedEntropy, nextAllocatedChunk,
} from '../../web/ui/inspector/allocation';
import { DEMO_MARKER, DEMO_PAGES, textSector } from '../../web/ui/inspector/demo-text';
import { DEMO_CHUNK_BYTES, DEMO_SIZE_BYTES, demoPlan } from '../../web/ui/inspector/demo-disk';
import { allocatedChunks, encryptionKind, sortDisks, totalChunks } from '../../web/ui/inspector/disk-summary';
import { formatBytes } from '../../web/ui/format-bytes';
import { describeError, isDiskBusy } from '../../web/ui/error-text';

const chunk = (index: number, isAllocated: boolean, refs = isAllocated ? 1 : 0, entropy = isAllocated ? 7.9 : 0): ChunkInfo => ({
  index, isAllocated, refs, entropy,
});

describe('hex dump rows', () => {
  it('makes 32 rows of 16 bytes for one 512-byte sector, offsets counted from the disk', () => {
    const sector = Uint8Array.from({ length: 512 }, (_, i) => i & 0xff);
    const rows = hexRows(sector, 3 * 512);
    expect(rows).toHaveLength(32);
    expect(rows[0].offset).toBe(1536);
    expect(rows[1].offset).toBe(1552);
    expect(rows[0].hex).toEqual(['00', '01', '02', '03', '04', '05', '06', '07', '08', '09', '0a', '0b', '0c', '0d', '0e', '0f']);
    expect(rows.every((row) => row.hex.length === 16 && row.ascii.length === 16)).toBe(true);
  });

  it('shows printable ASCII as is and everything else (controls, DEL, UTF-8 bytes) as "."', () => {
    const bytes = new TextEncoder().encode('Hi!\n~\u007f日');
    expect(hexRows(bytes)[0].ascii).toBe('Hi!.~....');
    expect(asciiChar(0x20)).toBe(' ');
    expect(asciiChar(0x1f)).toBe('.');
  });

  it('pads offsets to 8 hex digits and widens past 4 GiB', () => {
    expect(hexOffset(0x200)).toBe('00000200');
    expect(hexOffset(2 ** 33)).toBe('200000000');
  });

  it('marks exactly the bytes that differ, and none when there is nothing to compare', () => {
    expect(differingBytes(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 9, 3))).toEqual([false, true, false]);
    expect(differingBytes(Uint8Array.of(1, 2), undefined)).toEqual([false, false]);
    expect(differingBytes(Uint8Array.of(1, 2), Uint8Array.of(1))).toEqual([false, true]);
  });
});

describe('allocation map', () => {
  it('tells never-written, allocated and snapshot-shared chunks apart', () => {
    expect(cellKind(chunk(0, false))).toBe('unwritten');
    expect(cellKind(chunk(1, true, 1))).toBe('allocated');
    expect(cellKind(chunk(2, true, 3))).toBe('shared');
    expect(cellClass(chunk(2, true, 2), true)).toBe('alloc-cell alloc-cell--shared alloc-cell--current');
    expect(cellClass(chunk(0, false))).toBe('alloc-cell alloc-cell--unwritten');
  });

  it('maps sectors to chunks and back for 64 KiB chunks (128 sectors each)', () => {
    expect(chunkOfSector(0, 65536)).toBe(0);
    expect(chunkOfSector(127, 65536)).toBe(0);
    expect(chunkOfSector(128, 65536)).toBe(1);
    expect(firstSectorOfChunk(5, 65536)).toBe(640);
    expect(() => chunkOfSector(0, 1000)).toThrow(/"chunkBytes"/);
  });

  it('finds the next allocated chunk after the current one, or none', () => {
    const infos = [chunk(0, true), chunk(1, false), chunk(2, false), chunk(3, true), chunk(4, false)];
    expect(nextAllocatedChunk(infos, 0)).toBe(3);
    expect(nextAllocatedChunk(infos, 3)).toBeUndefined();
  });

  it('clamps typed sector numbers into the disk and refuses non-numbers', () => {
    expect(clampSector(-4, 100)).toBe(0);
    expect(clampSector(250, 100)).toBe(99);
    expect(clampSector(7.8, 100)).toBe(7);
    expect(clampSector(Number.NaN, 100)).toBeUndefined();
  });

  it('averages entropy over allocated chunks only', () => {
    expect(meanAllocatedEntropy([chunk(0, true, 1, 8), chunk(1, false), chunk(2, true, 1, 6)])).toBe(7);
    expect(meanAllocatedEntropy([chunk(0, false)])).toBeUndefined();
  });
});

describe('demo disk', () => {
  it('makes each sample paragraph exactly one sector of valid UTF-8', () => {
    for (const page of [...DEMO_PAGES.en, ...DEMO_PAGES.ja]) {
      expect(page.length).toBe(512);
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(page)).not.toThrow();
    }
    expect(new TextDecoder().decode(DEMO_PAGES.en[0])).toContain(DEMO_MARKER);
    expect(new TextDecoder().decode(DEMO_PAGES.ja[0])).toContain('ディスク暗号化ラボ');
  });

  it('cuts text that is too long at a character boundary', () => {
    const sector = textSector('日本語'.repeat(200));
    expect(sector.length).toBe(512);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(sector)).not.toThrow();
  });

  it('writes whole sectors inside single chunks, inside the disk, leaving most chunks unwritten', () => {
    const plan = demoPlan();
    const perChunk = DEMO_CHUNK_BYTES / 512;
    const chunks = new Set<number>();
    for (const { sector, data } of plan) {
      expect(data.length % 512).toBe(0);
      const first = Math.floor(sector / perChunk);
      const last = Math.floor((sector + data.length / 512 - 1) / perChunk);
      expect(last).toBe(first);
      expect((sector * 512) + data.length).toBeLessThanOrEqual(DEMO_SIZE_BYTES);
      chunks.add(first);
    }
    const total = DEMO_SIZE_BYTES / DEMO_CHUNK_BYTES;
    expect(chunks.size).toBeGreaterThan(5);
    expect(chunks.size).toBeLessThan(total / 2);
    expect(plan.map((w) => w.sector)).toEqual([...plan.map((w) => w.sector)].sort((a, b) => a - b));
  });

  it('starts the disk with the English text, repeated in the next-but-one sector', () => {
    const [first] = demoPlan();
    expect(first.sector).toBe(0);
    expect(first.data.subarray(0, 512)).toEqual(first.data.subarray(1024, 1536));
  });
});

describe('disk summaries and formatting', () => {
  const disk = (over: Partial<DiskRecord>): DiskRecord => ({
    id: 'd-1', name: 'a', sizeBytes: 8 << 20, chunkBytes: 65536, encryption: { isEncrypted: false },
    chunks: {}, generation: 0, state: 'ok', createdAt: '2026-01-01T00:00:00Z', ...over,
  });

  it('counts chunks and names the encryption kind', () => {
    const d = disk({ chunks: { 0: 'c1', 5: 'c2' }, encryption: { isEncrypted: true, lineageId: 'l', keySource: 'session' } });
    expect(totalChunks(d)).toBe(128);
    expect(allocatedChunks(d)).toBe(2);
    expect(encryptionKind(d)).toBe('session');
    expect(encryptionKind(disk({}))).toBe('none');
  });

  it('lists newest disks first', () => {
    const old = disk({ id: 'old', createdAt: '2026-01-01T00:00:00Z' });
    const fresh = disk({ id: 'new', createdAt: '2026-02-01T00:00:00Z' });
    expect(sortDisks([old, fresh]).map((d) => d.id)).toEqual(['new', 'old']);
  });

  it('formats sizes in binary units', () => {
    expect(formatBytes(0, 'en')).toBe('0 B');
    expect(formatBytes(8 * 1024 * 1024, 'en')).toBe('8 MiB');
    expect(formatBytes(1536, 'en')).toBe('1.5 KiB');
    expect(formatBytes(3.25 * 2 ** 30, 'en')).toBe('3.3 GiB');
    expect(() => formatBytes(-1)).toThrow(/"bytes"/);
  });
});

describe('error text', () => {
  it('keeps the cloud code and message, and names the translation for known codes', () => {
    const busy = Object.assign(new Error('The disk d-1 was changed by another writer'), { code: 'DiskBusy', httpStatus: 409 });
    expect(describeError(busy)).toEqual({ code: 'DiskBusy', key: 'error.DiskBusy', message: busy.message });
    expect(isDiskBusy(busy)).toBe(true);
  });

  it('shows an unknown code with its own message, and plain errors as InternalFailure', () => {
    expect(describeError({ code: 'InvalidParameter.Sector', message: 'bad sector' })).toEqual({ code: 'InvalidParameter.Sector', key: undefined, message: 'bad sector' });
    expect(describeError(new Error('boom'))).toMatchObject({ code: 'InternalFailure', message: 'boom' });
    expect(describeError(new DOMException('gone', 'AbortError'))).toMatchObject({ code: 'AbortError', message: 'gone' });
  });
});
