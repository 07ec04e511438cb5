// The crypto engine as main.tsx wires it: one worker pool (the SectorCipher of web/core/ports.ts)
// and the About page's diagnostics over that same pool.
import type { EngineDiagnostics, SectorCipher } from '../../core/ports';
import { createEngineDiagnostics, type DiagnosticsOptions } from './diagnostics';
import { CryptoPool, type CryptoPoolOptions } from './pool';

export interface CryptoEngine {
  cipher: SectorCipher;
  diagnostics: EngineDiagnostics;
}

export function createCryptoEngine(options: { pool?: CryptoPoolOptions; diagnostics?: DiagnosticsOptions } = {}): CryptoEngine {
  // Workers start on first use, so creating the engine at page load costs nothing.
  const pool = new CryptoPool(options.pool);
  return { cipher: pool, diagnostics: createEngineDiagnostics(pool, options.diagnostics) };
}
