/**
 * A local HTTP server (127.0.0.1, random port) for the asset fetch tests: serves
 * in-memory files with Range support, can cut a response short, and logs requests.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Served {
  body: Uint8Array;
  /** Send only this many bytes of the first response (with the full Content-Length), then drop the connection. */
  cutAfter?: number;
  /** Answer Range requests with the whole file (200), as some static servers do. */
  noRange?: boolean;
  /** Send this many bytes, then nothing more while keeping the connection open. */
  stallAfter?: number;
}

export interface TestServer {
  url(path: string): string;
  files: Map<string, Served>;
  requests: { path: string; range?: string }[];
  close(): Promise<void>;
}

export async function startServer(): Promise<TestServer> {
  const files = new Map<string, Served>();
  const requests: TestServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    const range = req.headers.range;
    requests.push({ path, range });
    const served = files.get(path);
    if (!served) {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html>404 Not Found</html>');
      return;
    }
    const { body } = served;
    const m = range && !served.noRange ? /^bytes=(\d+)-$/.exec(range) : null;
    const start = m ? Number(m[1]) : 0;
    if (start >= body.length && m) {
      res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
      return;
    }
    const slice = body.subarray(start);
    res.writeHead(m ? 206 : 200, {
      'content-length': String(slice.length),
      'content-type': 'application/octet-stream',
      ...(m ? { 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` } : {}),
    });
    if (served.stallAfter !== undefined) {
      res.write(slice.subarray(0, served.stallAfter));
      return;
    }
    if (served.cutAfter !== undefined) {
      const cut = served.cutAfter;
      served.cutAfter = undefined;
      // Give the client time to receive the bytes before the connection drops.
      res.write(slice.subarray(0, cut), () => setTimeout(() => res.destroy(), 150));
      return;
    }
    res.end(slice);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    files,
    requests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
