// Benchmark worker for `npm run bench` (Chromium side): our wasm kernel, the noble-based XTS and
// WebCrypto AES-256-CTR (native reference), measured side by side in one worker.
import { expose } from 'comlink';
import wasmUrl from '../web/generated/xts.wasm?url';
import { createKernel } from '../web/adapters/engine/kernel';
import { createNobleXts } from '../web/adapters/engine/noble-xts';
import { measure, xtsContenders, type Contender } from '../web/bench/measure';

const MIB = 1 << 20;

async function webCryptoCtr(bytes: number): Promise<Contender> {
  const key = await crypto.subtle.generateKey({ name: 'AES-CTR', length: 256 }, false, ['encrypt']);
  const counter = new Uint8Array(16);
  return {
    impl: 'webcrypto-aes-ctr', op: 'encrypt', unit: 0, bytes,
    run: async (d) => { await crypto.subtle.encrypt({ name: 'AES-CTR', counter, length: 64 }, key, d.subarray(0, bytes)); },
  };
}

expose({
  async run(rounds: number, kernelMiB: number, nobleMiB: number) {
    const kernel = await createKernel(await WebAssembly.compileStreaming(fetch(wasmUrl)));
    const contenders = [
      ...xtsContenders('kernel', kernel, kernelMiB * MIB, [512, 4096]),
      ...xtsContenders('noble', createNobleXts(), nobleMiB * MIB, [512, 4096]),
      await webCryptoCtr(4 * kernelMiB * MIB),
    ];
    return measure('chromium', contenders, rounds);
  },
});
