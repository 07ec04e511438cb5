// @ts-check
// `npm test`: every test from a fresh clone in one command. Installs dependencies when missing,
// makes sure Playwright has a Chromium (apt-get when root on Debian), builds, runs Vitest then
// Playwright, and closes with one line "N passed, M failed[, K skipped]" summed over both.
// A runner that crashes or exits non-zero without naming a failed test counts as a failure.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, ensureDependencies, run, runOrExit } from './setup.mjs';

const CACHE = join(REPO, '.cache');
const VITEST_JSON = join(CACHE, 'vitest.json');
const PLAYWRIGHT_JSON = join(CACHE, 'playwright.json');
const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** @typedef {{ runner: string, passed: number, failed: number, skipped: number, error?: string }} Tally */

/** Where Playwright's own browser download would be, or null when it has none. */
async function playwrightChromium() {
  try {
    const { chromium } = await import('playwright-core');
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

async function ensureBrowser() {
  const wanted = process.env.CHROMIUM_PATH;
  if (wanted) {
    if (existsSync(wanted)) return;
    console.error(`CHROMIUM_PATH is set to "${wanted}", but no file is there.`);
    process.exit(1);
  }
  if (existsSync(SYSTEM_CHROMIUM)) return;
  if (await playwrightChromium()) return;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/etc/debian_version')) {
    console.log(`No Chromium for Playwright (${SYSTEM_CHROMIUM} is missing): installing it with apt-get.`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const lock = ['-o', 'DPkg::Lock::Timeout=600'];
    if ((await run('apt-get', [...lock, 'update'], { env })) !== 0
      || (await run('apt-get', [...lock, 'install', '-y', 'chromium'], { env })) !== 0
      || !existsSync(SYSTEM_CHROMIUM)) {
      console.error('apt-get could not install chromium; see its output above.');
      process.exit(1);
    }
    return;
  }
  console.error([
    'Playwright needs Chromium, and none was found:',
    `  - no ${SYSTEM_CHROMIUM}, no CHROMIUM_PATH, and no browser downloaded by Playwright.`,
    'Install one of them, then run npm test again:',
    '  sudo apt-get install chromium          (Debian/Ubuntu; or your system\'s package)',
    '  npx playwright install chromium        (on machines with internet access)',
    '  CHROMIUM_PATH=/path/to/chrome npm test (any Chromium or Chrome you already have)',
  ].join('\n'));
  process.exit(1);
}

/** @param {string} file */
function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** @returns {Promise<Tally>} */
async function runVitest() {
  rmSync(VITEST_JSON, { force: true });
  const code = await run(join(REPO, 'node_modules', '.bin', 'vitest'), [
    'run', '--passWithNoTests', '--reporter=default', '--reporter=json', `--outputFile=${VITEST_JSON}`,
  ]);
  const report = readJson(VITEST_JSON);
  if (!report) return { runner: 'vitest', passed: 0, failed: 0, skipped: 0, error: `exited with code ${code} and wrote no report` };
  // A file that fails to load has no failed test but a failed suite: count it as one failure.
  const brokenFiles = (report.testResults ?? []).filter(
    (/** @type {any} */ file) => file.status === 'failed' && !(file.assertionResults ?? []).some((/** @type {any} */ t) => t.status === 'failed'),
  ).length;
  const tally = {
    runner: 'vitest',
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + brokenFiles,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
  if (code !== 0 && tally.failed === 0) return { ...tally, error: `exited with code ${code} but reported no failed test (an unhandled error?)` };
  return tally;
}

/** @returns {Promise<Tally>} */
async function runPlaywright() {
  rmSync(PLAYWRIGHT_JSON, { force: true });
  const code = await run(join(REPO, 'node_modules', '.bin', 'playwright'), ['test', '--pass-with-no-tests', '--reporter=list,json'], {
    env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_FILE: PLAYWRIGHT_JSON },
  });
  const report = readJson(PLAYWRIGHT_JSON);
  if (!report?.stats) return { runner: 'playwright', passed: 0, failed: 0, skipped: 0, error: `exited with code ${code} and wrote no report` };
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats;
  const tally = { runner: 'playwright', passed: expected + flaky, failed: unexpected, skipped };
  const errors = (report.errors ?? []).length;
  if (code !== 0 && unexpected === 0) {
    return { ...tally, error: `exited with code ${code} but reported no failed test${errors ? ` (${errors} error(s): web server, config or a file that failed to load)` : ''}` };
  }
  return tally;
}

await ensureDependencies();
await ensureBrowser();
mkdirSync(CACHE, { recursive: true });
await runOrExit('npm', ['run', 'build']); // always: tests must see the current code

const tallies = [await runVitest(), await runPlaywright()];
const sum = (/** @type {'passed' | 'failed' | 'skipped'} */ key) => tallies.reduce((n, t) => n + t[key], 0);
const crashed = tallies.filter((t) => t.error);

console.log('');
for (const t of tallies) {
  // Worded unlike the closing line on purpose, so that only the last line reads as the total.
  console.log(`${t.runner} — passed ${t.passed}, failed ${t.failed}, skipped ${t.skipped}${t.error ? `; RUNNER ERROR: ${t.error}` : ''}`);
}
// A crashed runner is one more failure, so the closing line never reads as success.
const [passed, failed, skipped] = [sum('passed'), sum('failed') + crashed.length, sum('skipped')];
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
