// The self-test panel's state, derived from the engine's results; pure so it is unit-tested.
import type { SelfTestResult } from '../../core/ports';

export type SelfTestState =
  | { status: 'running' }
  | { status: 'passed' | 'failed'; results: SelfTestResult[]; elapsedMs: number }
  | { status: 'failed'; error: string };

export function settleSelfTest(results: SelfTestResult[], elapsedMs: number): SelfTestState {
  // No results is not a pass: a self-test that checked nothing proves nothing.
  const isPassed = results.length > 0 && results.every((r) => r.isPassed);
  return { status: isPassed ? 'passed' : 'failed', results, elapsedMs: Math.round(elapsedMs) };
}

export function failSelfTest(error: unknown): SelfTestState {
  return { status: 'failed', error: error instanceof Error ? error.message : String(error) };
}

/** One table row: a known-answer case with its encrypt and decrypt checks, in first-seen order. */
export interface SelfTestCase {
  name: string;
  encrypt?: SelfTestResult;
  decrypt?: SelfTestResult;
}

export function groupByCase(results: readonly SelfTestResult[]): SelfTestCase[] {
  const cases = new Map<string, SelfTestCase>();
  for (const result of results) {
    const row = cases.get(result.name) ?? { name: result.name };
    row[result.op] = result;
    cases.set(result.name, row);
  }
  return [...cases.values()];
}
