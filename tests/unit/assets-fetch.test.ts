import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { download } from '../../scripts/assets/fetch.ts';
import { startServer, type TestServer } from './assets-server-fixture.ts';

let server: TestServer;
let cacheDir: string;
const body = new Uint8Array(200_000).map((_, i) => (i * 31 + (i >> 8)) & 0xff);
const md5 = createHash('md5').update(body).digest('hex');

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
beforeEach(() => {
  cacheDir = mkdtempSync(join(tmpdir(), 'assets-fetch-'));
  server.files.clear();
  server.requests.length = 0;
});
afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));

describe('download', () => {
  it('downloads, verifies size and md5, and reports progress', async () => {
    server.files.set('/data.bin', { body });
    const seen: number[] = [];
    const res = await download({ file: 'sub/data.bin', urls: [server.url('/data.bin')], size: body.length, md5 }, { cacheDir, onProgress: (l) => seen.push(l) });
    expect(res.cached).toBe(false);
    expect(res.path).toBe(join(cacheDir, 'sub/data.bin'));
    expect(new Uint8Array(readFileSync(res.path))).toEqual(body);
    expect(seen.at(-1)).toBe(body.length);
    expect(existsSync(`${res.path}.part`)).toBe(false);
  });

  it('serves a second call from the cache without a request', async () => {
    server.files.set('/data.bin', { body });
    const spec = { file: 'data.bin', urls: [server.url('/data.bin')], size: body.length, md5 };
    await download(spec, { cacheDir });
    const before = server.requests.length;
    const again = await download(spec, { cacheDir });
    expect(again.cached).toBe(true);
    expect(server.requests.length).toBe(before);
  });

  it('reports a 404 with the URL, and falls back to the next URL', async () => {
    const spec = { file: 'data.bin', urls: [server.url('/nope.bin')], size: body.length };
    await expect(download(spec, { cacheDir })).rejects.toThrow(/^data\.bin: http:\/\/127\.0\.0\.1:\d+\/nope\.bin: HTTP 404 Not Found$/);
    expect(existsSync(join(cacheDir, 'data.bin'))).toBe(false);

    server.files.set('/mirror/data.bin', { body });
    const res = await download({ ...spec, urls: [server.url('/nope.bin'), server.url('/mirror/data.bin')] }, { cacheDir });
    expect(res.url).toBe(server.url('/mirror/data.bin'));
    expect(statSync(res.path).size).toBe(body.length);
  });

  it('detects a truncated transfer, keeps the part, and resumes it with a Range request', async () => {
    server.files.set('/data.bin', { body, cutAfter: 70_000 });
    const spec = { file: 'data.bin', urls: [server.url('/data.bin')], size: body.length, md5 };
    await expect(download(spec, { cacheDir })).rejects.toThrow(/data\.bin: .*(interrupted|truncated)/);
    const part = join(cacheDir, 'data.bin.part');
    expect(statSync(part).size).toBe(70_000);
    expect(existsSync(join(cacheDir, 'data.bin'))).toBe(false);

    const res = await download(spec, { cacheDir });
    expect(server.requests.at(-1)).toEqual({ path: '/data.bin', range: 'bytes=70000-' });
    expect(new Uint8Array(readFileSync(res.path))).toEqual(body);
  });

  it('starts over when the server ignores the Range request', async () => {
    server.files.set('/data.bin', { body, cutAfter: 5000, noRange: true });
    const spec = { file: 'data.bin', urls: [server.url('/data.bin')], size: body.length, md5 };
    await expect(download(spec, { cacheDir })).rejects.toThrow();
    const res = await download(spec, { cacheDir });
    expect(server.requests.at(-1)!.range).toBe('bytes=5000-');
    expect(new Uint8Array(readFileSync(res.path))).toEqual(body);
  });

  it('gives up on a transfer that stalls, keeping what arrived', async () => {
    server.files.set('/slow.bin', { body, stallAfter: 3000 });
    const spec = { file: 'slow.bin', urls: [server.url('/slow.bin')], size: body.length };
    await expect(download(spec, { cacheDir, stallMs: 300 })).rejects.toThrow(/slow\.bin: .*transfer interrupted after 3000 bytes \(no data for 0\.3 s\)/);
    expect(statSync(join(cacheDir, 'slow.bin.part')).size).toBe(3000);
  });

  it('rejects a file that fails its checks and keeps nothing in the cache', async () => {
    server.files.set('/page.html', { body: new TextEncoder().encode('<html>sign in</html>') });
    const spec = {
      file: 'data.gz',
      urls: [server.url('/page.html')],
      check: (p: string) => {
        if (readFileSync(p)[0] !== 0x1f) throw new Error(`${p}: not a gzip file`);
      },
    };
    await expect(download(spec, { cacheDir })).rejects.toThrow(/data\.gz\.part: not a gzip file/);
    await expect(download({ ...spec, md5 }, { cacheDir })).rejects.toThrow(/md5 [0-9a-f]{32}, expected/);
    expect(existsSync(join(cacheDir, 'data.gz'))).toBe(false);
    expect(existsSync(join(cacheDir, 'data.gz.part'))).toBe(false);
  });

  it('re-fetches from scratch when a kept part turns out stale', async () => {
    // The kept part holds the old start of a file that has changed upstream since.
    const changed = body.slice();
    changed[0] = (changed[0]! + 1) & 0xff;
    const spec = { file: 'data.bin', urls: [server.url('/data.bin')], md5: createHash('md5').update(changed).digest('hex') };
    server.files.set('/data.bin', { body, cutAfter: 1000 });
    await expect(download(spec, { cacheDir })).rejects.toThrow();
    server.files.set('/data.bin', { body: changed });
    const res = await download(spec, { cacheDir });
    expect(server.requests.slice(-2).map((r) => r.range)).toEqual(['bytes=1000-', undefined]);
    expect(new Uint8Array(readFileSync(res.path))).toEqual(changed);
  });

  it('fails fast for a host that refused a connection earlier in the run', async () => {
    const unreachable = new Set<string>();
    // A port that was just free: nothing listens there, so the connection is refused.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const dead = `http://127.0.0.1:${port}/x.bin`;
    await expect(download({ file: 'a', urls: [dead] }, { cacheDir, unreachable })).rejects.toThrow(/ECONNREFUSED/);
    expect(unreachable.has(`127.0.0.1:${port}`)).toBe(true);
    await expect(download({ file: 'b', urls: [dead] }, { cacheDir, unreachable })).rejects.toThrow(/could not be reached earlier in this run/);
  });
});
