/**
 * The cross-origin isolation service worker (public/coi-sw.js), run as it is in a VM
 * context standing for the worker's global scope, with a fake network.
 */
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';

const SOURCE = readFileSync('public/coi-sw.js', 'utf8');
const ORIGIN = 'https://reader.github.io';

type Listener = (event: unknown) => void;

function worker(network: (request: Request) => Response) {
  const listeners = new Map<string, Listener>();
  const fetched: string[] = [];
  const scope = {
    location: new URL(`${ORIGIN}/course/coi-sw.js`),
    addEventListener: (type: string, listener: Listener) => listeners.set(type, listener),
    skipWaiting: () => undefined,
    clients: { claim: () => Promise.resolve() },
  };
  runInNewContext(SOURCE, {
    self: scope,
    URL,
    Headers,
    Response,
    Object,
    fetch: async (request: Request) => (fetched.push(request.url), network(request)),
  });
  /** What the page gets for `request`: the worker's response, or undefined when the browser handles it. */
  async function get(request: Request): Promise<Response | undefined> {
    let answer: Promise<Response> | undefined;
    listeners.get('fetch')!({ request, respondWith: (r: Promise<Response>) => (answer = r) });
    return answer && (await answer);
  }
  return { get, fetched, listeners };
}

const page = (path: string, init?: RequestInit) => new Request(`${ORIGIN}${path}`, init);

describe('coi-sw.js', () => {
  it('adds COOP, COEP and CORP to the site\'s own pages, scripts and data, keeping status, type and body', async () => {
    const sw = worker(() => new Response('<h1>hi</h1>', { status: 200, headers: { 'content-type': 'text/html' } }));
    const response = (await sw.get(page('/course/chapters/mnist/')))!;
    expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(response.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<h1>hi</h1>');
  });

  it('keeps a 404 a 404 (with the headers, so the 404 page is isolated too)', async () => {
    const sw = worker(() => new Response('not found', { status: 404, statusText: 'Not Found' }));
    const response = (await sw.get(page('/course/missing/')))!;
    expect([response.status, response.statusText]).toEqual([404, 'Not Found']);
    expect(response.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
  });

  it('leaves cross-origin requests (the Hugging Face hub) to the browser', async () => {
    const sw = worker(() => new Response('model'));
    expect(await sw.get(new Request('https://huggingface.co/bert-base-cased/resolve/main/config.json'))).toBeUndefined();
    expect(sw.fetched).toEqual([]);
  });

  it('leaves only-if-cached requests outside same-origin mode alone', async () => {
    const sw = worker(() => new Response('x'));
    // Browsers create such requests (devtools); Node's Request refuses to, hence the plain object.
    const quirk = { url: `${ORIGIN}/course/`, cache: 'only-if-cached', mode: 'no-cors' } as unknown as Request;
    expect(await sw.get(quirk)).toBeUndefined();
  });

  it('passes opaque responses through unchanged', async () => {
    const opaque = { type: 'opaque', status: 0, headers: new Headers() } as unknown as Response;
    const sw = worker(() => opaque);
    expect(await sw.get(page('/course/x.js'))).toBe(opaque);
  });

  it('takes over at once, so the next page load is isolated', () => {
    const sw = worker(() => new Response(''));
    expect([...sw.listeners.keys()].sort()).toEqual(['activate', 'fetch', 'install']);
  });
});
