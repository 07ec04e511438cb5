// The XtsKernel implementations a suite runs against: the @noble/ciphers peer always, and the
// wasm kernel once it is built (web/generated/xts.wasm, `npm run build:wasm`) and bound (kernel.ts).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createNobleXts } from '../../web/adapters/engine/noble-xts';
import type { XtsKernel } from '../../web/adapters/engine/xts-types';

// Typed by hand so this helper compiles before kernel.ts exists.
interface KernelBinding {
  createKernel(source: WebAssembly.Module | BufferSource): Promise<XtsKernel>;
}

export interface KernelUnderTest {
  name: string;
  create: () => Promise<XtsKernel>;
}

const wasmPath = fileURLToPath(new URL('../../web/generated/xts.wasm', import.meta.url));
const bindingPath = fileURLToPath(new URL('../../web/adapters/engine/kernel.ts', import.meta.url));

export function kernelsUnderTest(): KernelUnderTest[] {
  const kernels: KernelUnderTest[] = [{ name: 'noble-xts', create: async () => createNobleXts() }];
  if (existsSync(wasmPath) && existsSync(bindingPath)) {
    kernels.push({
      name: 'wasm kernel',
      create: async () => {
        const { createKernel } = (await import(/* @vite-ignore */ bindingPath)) as KernelBinding;
        return createKernel(readFileSync(wasmPath));
      },
    });
  }
  return kernels;
}
