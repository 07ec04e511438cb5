// @ts-check
// `npm start`: from a fresh clone to a served app in one command. Installs dependencies when
// node_modules is missing or older than package-lock.json, rebuilds dist/ when any build input
// is newer than its build stamp, then serves dist/ at http://localhost:4173 (PORT overrides).
import { DIST, buildStaleness, ensureDependencies, runOrExit } from './setup.mjs';
import { serveStatic } from './serve.mjs';

await ensureDependencies();

const reason = buildStaleness();
if (reason) {
  console.log(`Building: ${reason}.`);
  await runOrExit('npm', ['run', 'build']);
} else {
  console.log('dist/ is up to date with web/, workers/, wasm/ and the configs: not rebuilding.');
}

const port = Number(process.env.PORT ?? 4173);
await serveStatic({ root: DIST, port, host: process.env.HOST ?? '127.0.0.1' });
console.log(`\nDisk Encryption Lab is running at http://localhost:${port}/  (Ctrl+C to stop)`);
