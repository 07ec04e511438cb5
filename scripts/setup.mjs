// @ts-check
// What `npm start` and `npm test` share on a fresh clone: install dependencies when they are
// missing or older than package-lock.json, decide whether dist/ is stale, run npm scripts.
// Node built-ins only: this runs before `npm ci`.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('..', import.meta.url));
export const DIST = join(REPO, 'dist');
/** Written by vite.config.ts after every successful build. */
export const BUILD_STAMP = join(DIST, '.build-stamp');

/** What the build reads: a change to any of these makes dist/ stale. */
const BUILD_INPUT_DIRS = ['web', 'workers', 'wasm', 'public', 'guest'];
const BUILD_INPUT_FILES = [
  'package.json', 'package-lock.json', 'vite.config.ts', 'asconfig.json',
  'tsconfig.json', 'tsconfig.base.json', 'tsconfig.web.json', 'tsconfig.worker.json',
];

/** @param {string} path */
function mtimeOf(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

/**
 * Runs a command with inherited stdio; resolves with its exit code (signals count as failure).
 * @param {string} command
 * @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv }} [options]
 * @returns {Promise<number>}
 */
export function run(command, args, options = {}) {
  console.log(`\n> ${[command, ...args].join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: REPO,
      stdio: 'inherit',
      env: options.env ?? process.env,
      shell: process.platform === 'win32',
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Runs a command and exits this process with its code when it fails. */
export async function runOrExit(/** @type {string} */ command, /** @type {string[]} */ args) {
  const code = await run(command, args);
  if (code !== 0) {
    console.error(`\n${command} ${args.join(' ')} failed with exit code ${code}.`);
    process.exit(code);
  }
}

/** True when node_modules is missing, or older than package-lock.json (npm's hidden lockfile
 *  node_modules/.package-lock.json is rewritten by every install, so its mtime dates it). */
export function needsInstall() {
  const installed = mtimeOf(join(REPO, 'node_modules', '.package-lock.json'));
  const locked = mtimeOf(join(REPO, 'package-lock.json'));
  return installed === null || (locked !== null && locked > installed);
}

export async function ensureDependencies() {
  if (!needsInstall()) return;
  console.log('Dependencies are missing or older than package-lock.json: installing.');
  await runOrExit('npm', ['ci']);
}

/** @param {string} dir @returns {number} the newest mtime under dir (0 when empty or missing) */
function newestUnder(dir) {
  let newest = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') newest = Math.max(newest, newestUnder(path));
    } else {
      newest = Math.max(newest, mtimeOf(path) ?? 0);
    }
  }
  return newest;
}

/** Why dist/ must be rebuilt, or null when it is current. */
export function buildStaleness() {
  const built = mtimeOf(BUILD_STAMP);
  if (built === null) return existsSync(DIST) ? 'dist/ has no build stamp' : 'dist/ is missing';
  for (const dir of BUILD_INPUT_DIRS) {
    if (newestUnder(join(REPO, dir)) > built) return `${dir}/ changed since the last build`;
  }
  for (const file of BUILD_INPUT_FILES) {
    if ((mtimeOf(join(REPO, file)) ?? 0) > built) return `${file} changed since the last build`;
  }
  return null;
}
