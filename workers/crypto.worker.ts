// Crypto worker entry: compiles the wasm XTS kernel (wasm/xts.ts via web/adapters/engine/kernel.ts)
// and exposes the crypto API (crypto-api.ts) over Comlink. All logic lives in crypto-api.ts.
import { expose } from 'comlink';
import wasmUrl from '../web/generated/xts.wasm?url';
import { createKernel } from '../web/adapters/engine/kernel';
import { installErrorTransfer } from './comlink-errors';
import { createCryptoApi } from './crypto-api';

async function compileKernel(): Promise<WebAssembly.Module> {
  const response = await fetch(wasmUrl);
  if (!response.ok) throw new Error(`fetching the XTS kernel ${wasmUrl} failed: HTTP ${response.status}`);
  // compileStreaming insists on application/wasm; a host that serves another type still works.
  if (response.headers.get('content-type')?.startsWith('application/wasm')) return WebAssembly.compileStreaming(response);
  return WebAssembly.compile(await response.arrayBuffer());
}

installErrorTransfer();
// Exposed at once, no top-level await: messages arriving before a listener exists would be dropped.
// Until the kernel is ready each call waits; if it fails, each call rejects with KernelUnavailable.
expose(createCryptoApi(compileKernel().then(createKernel)));
