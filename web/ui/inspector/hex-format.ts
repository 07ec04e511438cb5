// Hex + ASCII dump rows for the inspector's sector views (16 bytes a row, like `hexdump -C`),
// and which bytes differ between two views. Pure, unit-tested in Node.
export const BYTES_PER_ROW = 16;

export interface HexRow {
  /** Byte offset of the row's first byte on the disk. */
  offset: number;
  /** Two lowercase hex digits per byte. */
  hex: string[];
  /** One character per byte: printable ASCII as is, anything else as ".". */
  ascii: string;
}

export function hexByte(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}

export function asciiChar(byte: number): string {
  return byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
}

/** Offsets as at least 8 hex digits, wider for disks past 4 GiB. */
export function hexOffset(offset: number): string {
  return offset.toString(16).padStart(8, '0');
}

export function hexRows(bytes: Uint8Array, baseOffset = 0): HexRow[] {
  const rows: HexRow[] = [];
  for (let start = 0; start < bytes.length; start += BYTES_PER_ROW) {
    const slice = bytes.subarray(start, start + BYTES_PER_ROW);
    rows.push({
      offset: baseOffset + start,
      hex: Array.from(slice, hexByte),
      ascii: Array.from(slice, asciiChar).join(''),
    });
  }
  return rows;
}

/** Per byte of `a`: does `b` hold something else there (or nothing)? Undefined `b`: none differ. */
export function differingBytes(a: Uint8Array, b: Uint8Array | undefined): boolean[] {
  return Array.from(a, (byte, i) => b !== undefined && (i >= b.length || b[i] !== byte));
}
