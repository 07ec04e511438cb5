// The demo disk's sample text: two short paragraphs in English and two in Japanese, each made
// into exactly one 512-byte sector of UTF-8 (cut at a character boundary, padded with spaces).
import { SECTOR_BYTES } from '../../core/disks/types';

export const DEMO_MARKER = 'Disk Encryption Lab sample text';

const EN = [
  `${DEMO_MARKER}. This sector holds plain English prose, written by the guest. On an encrypted disk the hypervisor encrypts every sector with AES-256-XTS before it reaches storage, so the physical view shows only noise. `,
  'XTS mixes the sector number into the cipher: the next sector repeats the same words, yet its stored bytes are completely different. The data key stays inside the crypto workers; this page only holds a handle to it. ',
];

const JA = [
  'ディスク暗号化ラボのサンプル文章です。ゲストが書き込んだ日本語の文章がこのセクターに入っています。暗号化ディスクでは、保存される前にすべてのセクターが AES-256-XTS で暗号化されます。',
  'XTS はセクター番号を暗号に混ぜ込むので、同じ文章を別のセクターに書いても保存されるバイト列はまったく異なります。データキーは暗号ワーカーの中にだけあります。',
];

/** `text` as exactly one sector: UTF-8, never cut inside a character, padded with spaces, ending in "\n". */
export function textSector(text: string): Uint8Array {
  const sector = new Uint8Array(SECTOR_BYTES).fill(0x20);
  sector[SECTOR_BYTES - 1] = 0x0a;
  const { written } = new TextEncoder().encodeInto(text, sector.subarray(0, SECTOR_BYTES - 1));
  // encodeInto stops before a character that does not fit, so the text stays valid UTF-8.
  if (written === undefined) throw new Error('TextEncoder.encodeInto expected to report what it wrote');
  return sector;
}

/** The English and Japanese pages: two sectors each, repeated to fill the chunks the demo writes. */
export const DEMO_PAGES: Record<'en' | 'ja', Uint8Array[]> = {
  en: EN.map(textSector),
  ja: JA.map(textSector),
};
