// Builds the wasm kernel when web/generated/xts.wasm is missing or older than its sources, so
// scripts that run the kernel in Node (kat, bench) work right after a fresh install.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const wasmPath = `${root}web/generated/xts.wasm`;

export function ensureWasm() {
  const sources = readdirSync(`${root}wasm`).filter((f) => f.endsWith('.ts')).map((f) => `${root}wasm/${f}`);
  sources.push(`${root}asconfig.json`);
  const built = existsSync(wasmPath) ? statSync(wasmPath).mtimeMs : 0;
  if (sources.some((f) => statSync(f).mtimeMs > built)) {
    execSync('npm run --silent build:wasm', { cwd: root, stdio: 'inherit' });
  }
  return wasmPath;
}
