// Shannon entropy in bits per byte (entropy.ts): the inspector's per-chunk measure.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { shannonEntropy } from '../../../web/core/disks/entropy';

describe('shannonEntropy', () => {
  it('is 0 for empty and constant input, 1 for two equally likely values, 8 for all 256 values equally often', () => {
    expect(shannonEntropy(new Uint8Array(0))).toBe(0);
    expect(shannonEntropy(new Uint8Array(4096).fill(7))).toBe(0);
    expect(shannonEntropy(new Uint8Array(4096).map((_, i) => i % 2))).toBeCloseTo(1, 12);
    expect(shannonEntropy(new Uint8Array(4096).map((_, i) => i % 256))).toBeCloseTo(8, 12);
  });

  it('is above 7.9 for 64 KiB of random bytes and below 5 for English text', () => {
    expect(shannonEntropy(new Uint8Array(randomBytes(65536)))).toBeGreaterThan(7.9);
    expect(shannonEntropy(new TextEncoder().encode('the quick brown fox jumps over the lazy dog '.repeat(100)))).toBeLessThan(5);
  });
});
