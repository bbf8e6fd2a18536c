/**
 * Serves the built site (`dist/`) under a base path, the way GitHub Pages serves a
 * project site: `/<repo>/...` maps to `dist/...`, directories serve `index.html`, and
 * anything missing gets `dist/404.html` with status 404. Used by e2e tests and benches.
 *   node scripts/serve-dist.ts --port 4399 --base /repo/ [--dir dist] [--log] [--isolate]
 * Like Pages it sends no COOP/COEP headers (public/coi-sw.js adds them in the browser)
 * unless `--isolate` asks for them, as `npm run preview` does.
 */
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4399' },
    base: { type: 'string', default: '/' },
    dir: { type: 'string', default: 'dist' },
    // Prints `served <path>` per file; benchmarks count what a page (and its workers) loaded.
    log: { type: 'boolean', default: false },
    isolate: { type: 'boolean', default: false },
  },
});
const base = `/${(values.base ?? '/').replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
const root = values.dir!;
const isolation = values.isolate ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } : {};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.bin': 'application/octet-stream',
  '.onnx': 'application/octet-stream',
  '.pf_meta': 'application/octet-stream',
};

async function resolveFile(pathname: string): Promise<string | undefined> {
  if (!pathname.startsWith(base)) return undefined;
  const rel = normalize(decodeURIComponent(pathname.slice(base.length))).replace(/^(\.\.[/\\])+/, '');
  const candidate = join(root, rel);
  try {
    const s = await stat(candidate);
    if (s.isFile()) return candidate;
    if (s.isDirectory()) {
      const index = join(candidate, 'index.html');
      if ((await stat(index)).isFile()) return index;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  // GitHub Pages redirects /repo/dir to /repo/dir/.
  if (!url.pathname.endsWith('/') && !extname(url.pathname) && (await resolveFile(`${url.pathname}/`))) {
    res.writeHead(301, { location: `${url.pathname}/${url.search}` }).end();
    return;
  }
  const file = await resolveFile(url.pathname);
  if (!file) {
    const notFound = await readFile(join(root, '404.html')).catch(() => Buffer.from('Not found'));
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8', ...isolation }).end(notFound);
    return;
  }
  const body = await readFile(file);
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-cache',
    // Static hosts send the length; without it Transformers.js warns about every model file.
    'content-length': body.length,
    ...isolation,
  });
  res.end(body);
  if (values.log) console.log(`served ${url.pathname}`);
}).listen(Number(values.port), '127.0.0.1', () => {
  console.log(`serving ${root} at http://127.0.0.1:${values.port}${base}`);
});
