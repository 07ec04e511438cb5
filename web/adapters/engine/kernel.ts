// The JS side of the wasm XTS kernel (wasm/xts.ts; ABI in wasm/README.md): stages keys and data in
// the module's memory, turns its error codes into Errors that name the argument, and hands out key
// slots. Runs unchanged in Node, a worker or a page.
import type { KeySlot, XtsKernel } from './xts-types';
import { checkKeyBytes, checkSectorSize, checkUnits, equalHalvesError } from './xts-checks';

interface KernelExports {
  memory: WebAssembly.Memory;
  MAX_SLOTS: WebAssembly.Global;
  SLOT_BYTES: WebAssembly.Global;
  keyInput(): number;
  dataInput(): number;
  slotAddress(slot: number): number;
  reserve(bytes: number): number;
  loadKey(slot: number, keyBytes: number): number;
  releaseKey(slot: number): number;
  xts(slot: number, isDecrypt: number, unitLo: bigint, unitHi: bigint, unitSize: number, count: number): number;
}

const MESSAGES: Record<number, string> = {
  1: '"slot" is out of range',
  2: '"key" expected 32 or 64 bytes',
  3: '"key" Key1 equals Key2: XTS refuses to encrypt with equal halves (IEEE 1619 §5.1, SP 800-38E)',
  4: '"slot" holds no key',
  5: '"unitSize" expected 16 bytes to 2^20 blocks',
  6: '"data" exceeds the staged capacity',
  7: 'the kernel could not grow its memory',
};

/** Bytes staged per kernel call: bounds the copy and the memory a worker keeps. */
const STAGE_BYTES = 4 << 20;
const MASK64 = (1n << 64n) - 1n;

/** The wasm module's `abort` (debug builds only): AssemblyScript strings are UTF-16 with their byte length at ptr-4. */
function abortImport(memory: () => WebAssembly.Memory) {
  const text = (ptr: number) => {
    if (!ptr) return '';
    const buf = memory().buffer;
    const len = new Uint32Array(buf, ptr - 4, 1)[0] >>> 1;
    return String.fromCharCode(...new Uint16Array(buf, ptr, len));
  };
  return (msg: number, file: number, line: number, col: number) => {
    throw new Error(`wasm kernel abort: ${text(msg)} at ${text(file)}:${line}:${col}`);
  };
}

export async function createKernel(source: WebAssembly.Module | BufferSource): Promise<XtsKernel> {
  let exports: KernelExports | undefined;
  const imports = { env: { abort: abortImport(() => exports!.memory) } };
  const instance = source instanceof WebAssembly.Module
    ? await WebAssembly.instantiate(source, imports)
    : (await WebAssembly.instantiate(source, imports)).instance;
  exports = instance.exports as unknown as KernelExports;
  return bindKernel(exports);
}

function bindKernel(x: KernelExports): XtsKernel & { slotBytesForTest(slot: KeySlot): Uint8Array } {
  const maxSlots = x.MAX_SLOTS.value as number;
  const free: number[] = [];
  for (let i = maxSlots - 1; i >= 0; i--) free.push(i);
  const used = new Set<number>();
  let staged = 0;

  function check(code: number): void {
    if (code !== 0) throw code === 3 ? equalHalvesError() : new Error(MESSAGES[code] ?? `wasm kernel error ${code}`);
  }

  function stage(bytes: number): number {
    if (bytes > staged) { check(x.reserve(bytes)); staged = bytes; }
    return x.dataInput();
  }

  function run(slot: KeySlot, first: bigint, unitSize: number, data: Uint8Array, isDecrypt: boolean): void {
    const count = checkUnits(first, unitSize, data);
    if (!used.has(slot)) throw new RangeError(`"slot" ${slot} is not a loaded key`);
    // Stage as many whole units as fit in STAGE_BYTES (at least one).
    const perCall = Math.max(1, Math.floor(STAGE_BYTES / unitSize));
    const ptr = stage(Math.min(count, perCall) * unitSize);
    for (let u = 0; u < count; u += perCall) {
      const n = Math.min(perCall, count - u);
      const part = data.subarray(u * unitSize, (u + n) * unitSize);
      const mem = new Uint8Array(x.memory.buffer, ptr, part.length);
      mem.set(part);
      const tweak = first + BigInt(u);
      check(x.xts(slot, isDecrypt ? 1 : 0, tweak & MASK64, tweak >> 64n, unitSize, n));
      part.set(mem);
      if (isDecrypt) mem.fill(0); // plaintext does not linger in the staging area
    }
  }

  return {
    loadKey(key) {
      checkKeyBytes(key);
      const slot = free.pop();
      if (slot === undefined) throw new RangeError(`no free key slot: at most ${maxSlots} keys may be loaded at once`);
      new Uint8Array(x.memory.buffer, x.keyInput(), key.length).set(key);
      try {
        check(x.loadKey(slot, key.length));
      } catch (error) {
        free.push(slot);
        throw error;
      }
      used.add(slot);
      return slot;
    },
    releaseKey(slot) {
      if (!used.has(slot)) return;
      check(x.releaseKey(slot));
      used.delete(slot);
      free.push(slot);
    },
    encryptUnits: (s, f, u, d) => run(s, f, u, d, false),
    decryptUnits: (s, f, u, d) => run(s, f, u, d, true),
    encryptSectors(s, f, size, d) { checkSectorSize(size); run(s, f, size, d, false); },
    decryptSectors(s, f, size, d) { checkSectorSize(size); run(s, f, size, d, true); },
    slotBytesForTest(slot) {
      return new Uint8Array(x.memory.buffer, x.slotAddress(slot), x.SLOT_BYTES.value as number).slice();
    },
  };
}
