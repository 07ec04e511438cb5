// The About page's live panels turn engine results into what they show: a self-test status
// and throughput rows with ratios. The engine itself is tested by its own suites.
import { describe, expect, it } from 'vitest';
import type { SelfTestResult, ThroughputResult } from '../../web/core/ports';
import { failSelfTest, groupByCase, settleSelfTest } from '../../web/ui/about/self-test-state';
import { throughputRows } from '../../web/ui/about/throughput-rows';

const check = (isPassed: boolean): SelfTestResult => ({ name: 'Vector 10', op: 'encrypt', isPassed });

describe('self-test status', () => {
  it('is passed only when every check passed', () => {
    expect(settleSelfTest([check(true), check(true)], 12.4)).toMatchObject({ status: 'passed', elapsedMs: 12 });
    expect(settleSelfTest([check(true), check(false)], 3).status).toBe('failed');
  });

  it('is failed when the engine returned no checks at all', () => {
    expect(settleSelfTest([], 1).status).toBe('failed');
  });

  it('is failed with the message when the engine threw', () => {
    expect(failSelfTest(new Error('worker crashed'))).toEqual({ status: 'failed', error: 'worker crashed' });
  });

  it('groups the encrypt and decrypt checks of one case into one row, in first-seen order', () => {
    const a = { name: 'A', op: 'encrypt', isPassed: true } as const;
    const b = { name: 'B', op: 'encrypt', isPassed: false, detail: 'byte 3 differs' } as const;
    const aBack = { name: 'A', op: 'decrypt', isPassed: true } as const;
    expect(groupByCase([a, b, aBack])).toEqual([
      { name: 'A', encrypt: a, decrypt: aBack },
      { name: 'B', encrypt: b },
    ]);
  });
});

describe('throughput rows', () => {
  const figure = (impl: ThroughputResult['impl'], op: ThroughputResult['op'], mibps: number): ThroughputResult => ({
    impl, op, mibps, bytes: 1 << 24,
  });

  it('puts kernel and native side by side per direction with kernel ÷ native', () => {
    const rows = throughputRows([
      figure('kernel-pool', 'encrypt', 300),
      figure('kernel-pool', 'decrypt', 250),
      figure('webcrypto-aes-ctr', 'encrypt', 400),
      figure('webcrypto-aes-ctr', 'decrypt', 500),
    ]);
    expect(rows).toEqual([
      { op: 'encrypt', kernelMibps: 300, nativeMibps: 400, ratio: 0.75 },
      { op: 'decrypt', kernelMibps: 250, nativeMibps: 500, ratio: 0.5 },
    ]);
  });

  it('uses the one measured CTR direction for both rows (CTR decrypt is CTR encrypt)', () => {
    const rows = throughputRows([figure('kernel-pool', 'decrypt', 200), figure('webcrypto-aes-ctr', 'encrypt', 400)]);
    expect(rows[1]).toEqual({ op: 'decrypt', kernelMibps: 200, nativeMibps: 400, ratio: 0.5 });
    expect(rows[0]).toEqual({ op: 'encrypt', kernelMibps: null, nativeMibps: 400, ratio: null });
  });
});
