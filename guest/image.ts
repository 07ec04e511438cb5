// The public image of LabOS, the lab's guest: the disk contents an instance boots from — boot code,
// the file-system header and table, and the text files the guest prints (boot log, motd) — as a
// list of sector writes. The layout is the one guest/labos.asm documents; text lives here, on the
// disk, so it is readable only after decryption, and wording changes need no reassembly.
import { LABOS_BASE64 } from './labos.generated';

export const GUEST_LAYOUT = {
  metadataSector: 16,
  mailboxSector: 17,
  fsHeaderSector: 18,
  fsTableSector: 19,
  fsTableSectors: 8,
  firstDataSector: 64,
  fileCapacitySectors: 8,
} as const;

export interface SectorWrite { sector: number; data: Uint8Array }

export interface GuestFile { name: string; text: string }

/** The files of the public image; a disk made from it keeps whatever the guest writes later. */
export const DEFAULT_FILES: GuestFile[] = [
  {
    name: 'boot.log',
    text: [
      'LabOS 1.0 booting from hda',
      '[ ok ] stage 2 loaded from the system disk',
      '[ ok ] file table read through the hypervisor and the crypto workers',
      '',
    ].join('\n'),
  },
  {
    name: 'motd',
    text: [
      'Welcome to LabOS, the Disk Encryption Lab guest.',
      'This text is stored on the encrypted system disk: you can read it only because',
      'the hypervisor unwrapped the data key. Type "help" for commands.',
      '',
    ].join('\n'),
  },
  {
    name: 'readme.txt',
    text: [
      'Try: ls, cat motd, write notes.txt hello, lsblk, sudo reboot.',
      'Disable the disk\'s KMS key, then "sudo reboot": the machine cannot read its disk again.',
      '',
    ].join('\n'),
  },
];

const encoder = new TextEncoder();

function decodeBase64(text: string): Uint8Array {
  const raw = atob(text);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

export function guestBootCode(): Uint8Array {
  return decodeBase64(LABOS_BASE64);
}

/** Default metadata the disk itself carries; a hypervisor answers the metadata sector instead. */
export function metadataSector(facts: Record<string, string>): Uint8Array {
  const text = `LABMETA1\n${Object.entries(facts).map(([k, v]) => `${k}=${v}\n`).join('')}`;
  const bytes = encoder.encode(text);
  if (bytes.length > 511) throw new RangeError(`"facts" expected at most 511 bytes of metadata, got ${bytes.length}`);
  const sector = new Uint8Array(512);
  sector.set(bytes);
  return sector;
}

/** The image's sector writes: boot code, metadata fallback, file system and files. */
export function buildGuestImage(files: GuestFile[] = DEFAULT_FILES): SectorWrite[] {
  const L = GUEST_LAYOUT;
  const maxFileBytes = L.fileCapacitySectors * 512;
  if (files.length > (L.fsTableSectors * 512) / 32) throw new RangeError('"files" exceed the file table');
  const table = new Uint8Array(L.fsTableSectors * 512);
  const view = new DataView(table.buffer);
  const writes: SectorWrite[] = [{ sector: 0, data: guestBootCode() }];
  writes.push({ sector: L.metadataSector, data: metadataSector({ hostname: 'labos' }) });
  let next = L.firstDataSector;
  files.forEach((file, i) => {
    const name = encoder.encode(file.name);
    if (name.length === 0 || name.length > 19 || name.includes(32)) throw new RangeError(`"name" ${file.name} expected 1–19 bytes without spaces`);
    const body = encoder.encode(file.text);
    if (body.length > maxFileBytes) throw new RangeError(`"text" of ${file.name} expected at most ${maxFileBytes} bytes`);
    const entry = i * 32;
    table.set(name, entry);
    view.setUint32(entry + 20, next, true);
    view.setUint32(entry + 24, body.length, true);
    view.setUint16(entry + 28, L.fileCapacitySectors, true);
    view.setUint16(entry + 30, 1, true);
    const data = new Uint8Array(Math.ceil(Math.max(body.length, 1) / 512) * 512);
    data.set(body);
    writes.push({ sector: next, data });
    next += L.fileCapacitySectors;
  });
  const header = new Uint8Array(512);
  header.set(encoder.encode('LABFS1'));
  new DataView(header.buffer).setUint32(8, next, true);
  writes.push({ sector: L.fsHeaderSector, data: header }, { sector: L.fsTableSector, data: table });
  return writes;
}
