// The committed guest bytes match guest/labos.asm (where nasm is present), and the public image
// has the layout the assembly expects.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildGuestImage, guestBootCode, GUEST_LAYOUT, metadataSector } from '../../guest/image';
import { LABOS_SHA256 } from '../../guest/labos.generated';

function hasNasm(): boolean {
  try { execFileSync('nasm', ['-v'], { stdio: 'pipe' }); return true; } catch { return false; }
}

describe('LabOS guest', () => {
  it('the committed boot code is a 16-sector image with a boot signature and the recorded SHA-256', () => {
    const code = guestBootCode();
    expect(code.length).toBe(16 * 512);
    expect([code[510], code[511]]).toEqual([0x55, 0xaa]);
    expect(createHash('sha256').update(code).digest('hex')).toBe(LABOS_SHA256);
  });

  // nasm is a development tool (apt-get install nasm); CI without it still checks the hash above.
  it.runIf(hasNasm())('guest/labos.generated.ts matches what nasm makes of guest/labos.asm', async () => {
    // @ts-expect-error plain ESM helper without types
    const { assembleGuest } = await import('../../scripts/gen/guest.mjs');
    expect(Buffer.from(assembleGuest()).equals(Buffer.from(guestBootCode()))).toBe(true);
  });

  it('the public image puts boot code, metadata, the file-system header and the files where the assembly reads them', () => {
    const writes = buildGuestImage();
    const at = (s: number) => writes.find((w) => w.sector === s)!.data;
    expect(new TextDecoder().decode(at(GUEST_LAYOUT.fsHeaderSector).subarray(0, 6))).toBe('LABFS1');
    const table = at(GUEST_LAYOUT.fsTableSector);
    const view = new DataView(table.buffer, table.byteOffset);
    const names: string[] = [];
    for (let e = 0; view.getUint16(e * 32 + 30, true) === 1; e++) {
      const name = new TextDecoder().decode(table.subarray(e * 32, e * 32 + 20)).replace(/\0+$/, '');
      names.push(name);
      const lba = view.getUint32(e * 32 + 20, true);
      const size = view.getUint32(e * 32 + 24, true);
      const text = new TextDecoder().decode(at(lba).subarray(0, size));
      expect(text.length).toBe(size);
    }
    expect(names).toEqual(['boot.log', 'motd', 'readme.txt']);
    expect(new TextDecoder().decode(at(GUEST_LAYOUT.metadataSector)).startsWith('LABMETA1\nhostname=labos\n')).toBe(true);
  });

  it('rejects names the guest cannot type and metadata that does not fit a sector', () => {
    expect(() => buildGuestImage([{ name: 'has space', text: 'x' }])).toThrow(/without spaces/);
    expect(() => buildGuestImage([{ name: 'a'.repeat(20), text: 'x' }])).toThrow(/1–19 bytes/);
    expect(() => metadataSector({ note: 'x'.repeat(600) })).toThrow(/at most 511 bytes/);
  });
});
