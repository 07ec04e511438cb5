// Pure helpers of the sector view on a disk's page: Base64 from Lab.ReadDiskSectors to bytes, a
// short hex dump, the printable text of a sector, and a SHA-256 fingerprint (WebCrypto digest).

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Rows of 16 bytes: "0000  de ad be ef …  |text............|". */
export function hexRows(bytes: Uint8Array, count = 64): string[] {
  const rows: string[] = [];
  for (let offset = 0; offset < Math.min(bytes.length, count); offset += 16) {
    const slice = bytes.subarray(offset, Math.min(offset + 16, bytes.length));
    const hex = [...slice].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    const text = [...slice].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    rows.push(`${offset.toString(16).padStart(4, '0')}  ${hex.padEnd(47)}  |${text}|`);
  }
  return rows;
}

/** The printable ASCII at the start of the sector, up to the first NUL. */
export function leadingText(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) {
    if (b === 0) break;
    text += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : b === 0x0a ? '\n' : '·';
  }
  return text;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
