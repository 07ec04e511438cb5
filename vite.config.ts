// Vite build of the static app: root web/, output dist/ at the repo root, relative base so the
// built files work from any path (a sub-folder, an iframe, file-like hosting). Every web/*.html is
// built as a page, so test and benchmark pages need no change here.
import { readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import solid from 'vite-plugin-solid';

const repo = fileURLToPath(new URL('.', import.meta.url));
const web = resolve(repo, 'web');

// Every web/*.html is a page: the app (index.html) plus test and benchmark pages.
const pages: Record<string, string> = Object.fromEntries(
  readdirSync(web).filter((f) => f.endsWith('.html')).map((f) => [f.slice(0, -'.html'.length), resolve(web, f)]),
);

const outDir = resolve(repo, 'dist');

/** Marks a finished build: scripts/start.mjs rebuilds when any input is newer than this file. */
const buildStamp: Plugin = {
  name: 'build-stamp',
  apply: 'build',
  writeBundle(output) {
    writeFileSync(resolve(output.dir ?? outDir, '.build-stamp'), `${new Date().toISOString()}\n`);
  },
};

export default defineConfig({
  root: web,
  base: './',
  publicDir: resolve(repo, 'public'),
  plugins: [solid(), buildStamp],
  worker: { format: 'es' },
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: { input: pages },
  },
  server: { fs: { allow: [repo] } },
});
