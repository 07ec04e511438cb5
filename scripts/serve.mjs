// @ts-check
// A tiny static file server for the built app (dist/): used by `npm start`, `npm run preview`
// and Playwright's webServer. Node built-ins only, so it runs before any install.
// Usage: node scripts/serve.mjs [--root DIR] [--port N]   (PORT and HOST env also work)
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const MIME_TYPES = /** @type {Record<string, string>} */ ({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
});

/**
 * Maps a request path to a file under root, or null when it would leave root.
 * @param {string} root an absolute, resolved directory
 * @param {string} urlPath the request target, e.g. "/assets/app.js?v=1"
 */
export function resolveRequestPath(root, urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null; // malformed percent-encoding
  }
  if (path.includes('\0')) return null;
  if (path.endsWith('/')) path += 'index.html';
  const file = resolve(join(root, path));
  return file === root || file.startsWith(root + sep) ? file : null;
}

/**
 * Starts serving `root` on `port`; resolves with the listening server.
 * @param {{ root: string, port: number, host?: string }} options
 * @returns {Promise<import('node:http').Server>}
 */
export function serveStatic({ root, port, host = '127.0.0.1' }) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    const fail = (/** @type {number} */ status, /** @type {string} */ text) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache' });
      res.end(req.method === 'HEAD' ? undefined : `${status} ${text}\n`);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(405, 'Method Not Allowed');
    let file = resolveRequestPath(base, req.url ?? '/');
    if (file === null) return fail(404, 'Not Found');
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file);
      }
      if (!info.isFile()) return fail(404, 'Not Found');
      res.writeHead(200, {
        'Content-Type': MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': info.size,
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file)
        .on('error', (error) => res.destroy(error))
        .pipe(res);
    } catch (error) {
      const code = /** @type {NodeJS.ErrnoException} */ (error).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return fail(404, 'Not Found');
      console.error(`serve: ${req.url}:`, error);
      fail(500, 'Internal Server Error');
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolvePromise(server);
    });
  });
}

/** @param {string[]} argv */
function parseArgs(argv) {
  const repo = fileURLToPath(new URL('..', import.meta.url));
  const options = { root: join(repo, 'dist'), port: Number(process.env.PORT ?? 4173), host: process.env.HOST ?? '127.0.0.1' };
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--root' && value) { options.root = resolve(value); i++; }
    else if (flag === '--port' && value) { options.port = Number(value); i++; }
    else throw new Error(`serve: unknown argument "${flag}" (expected --root DIR or --port N)`);
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    throw new Error(`serve: "port" expected an integer 0 … 65535, got ${options.port}`);
  }
  return options;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const options = parseArgs(process.argv.slice(2));
  await stat(join(options.root, 'index.html')).catch(() => {
    console.error(`serve: ${options.root}/index.html not found — run "npm run build" first.`);
    process.exit(1);
  });
  await serveStatic(options);
  console.log(`Serving ${options.root} at http://localhost:${options.port}/`);
}
