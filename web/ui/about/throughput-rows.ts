// Turns the engine's throughput figures into the table's rows: kernel (pool) encrypt and
// decrypt beside WebCrypto AES-CTR, with kernel ÷ native. Pure, so it is unit-tested.
import type { ThroughputResult } from '../../core/ports';

export interface ThroughputRow {
  op: 'encrypt' | 'decrypt';
  kernelMibps: number | null;
  nativeMibps: number | null;
  ratio: number | null;
}

function mibps(results: readonly ThroughputResult[], impl: ThroughputResult['impl'], op: ThroughputResult['op']): number | null {
  return results.find((r) => r.impl === impl && r.op === op)?.mibps ?? null;
}

export function throughputRows(results: readonly ThroughputResult[]): ThroughputRow[] {
  return (['encrypt', 'decrypt'] as const).map((op) => {
    const kernelMibps = mibps(results, 'kernel-pool', op);
    // CTR decryption is CTR encryption: if the engine measured one direction, it stands for both.
    const nativeMibps = mibps(results, 'webcrypto-aes-ctr', op)
      ?? mibps(results, 'webcrypto-aes-ctr', op === 'encrypt' ? 'decrypt' : 'encrypt');
    const ratio = kernelMibps !== null && nativeMibps !== null && nativeMibps > 0 ? kernelMibps / nativeMibps : null;
    return { op, kernelMibps, nativeMibps, ratio };
  });
}
