import { describe, expect, it } from 'vitest';
import { createBrowserHost, fetchAsset, InputRequests } from '../../src/course/hosts/browser.ts';
import type { FromWorker } from '../../src/runner/protocol.ts';

function streamed(chunks: number[][], headers: Record<string, string> = {}): typeof fetch {
  return async () =>
    new Response(
      new ReadableStream({
        start(controller) {
          for (const c of chunks) controller.enqueue(new Uint8Array(c));
          controller.close();
        },
      }),
      { status: 200, headers },
    );
}

describe('fetchAsset (browser)', () => {
  it('resolves the path under the asset base and reports streamed progress', async () => {
    const urls: string[] = [];
    const inner = streamed([[1, 2], [3]], { 'content-length': '3' });
    const progress: [number, number | undefined][] = [];
    const bytes = await fetchAsset(
      async (url) => (urls.push(String(url)), inner(url)),
      'https://site.example/course/',
      'data/mnist/mnist-10k.bin',
      (loaded, total) => progress.push([loaded, total]),
    );
    expect(urls).toEqual(['https://site.example/course/data/mnist/mnist-10k.bin']);
    expect(Array.from(bytes)).toEqual([1, 2, 3]);
    expect(progress).toEqual([[2, 3], [3, 3]]);
  });

  it('keeps a leading slash inside the base path', async () => {
    const urls: string[] = [];
    await fetchAsset(async (url) => (urls.push(String(url)), new Response('x')), 'https://site.example/course/', '/models/a.json');
    expect(urls).toEqual(['https://site.example/course/models/a.json']);
  });

  it('names the path and URL on 404', async () => {
    await expect(fetchAsset(async () => new Response('', { status: 404 }), 'https://s.example/', 'data/asl/train.bin')).rejects.toThrow(
      'asset "data/asl/train.bin" not found: https://s.example/data/asl/train.bin answered 404',
    );
  });

  it('drops a total the stream outgrows (compressed Content-Length)', async () => {
    const progress: (number | undefined)[] = [];
    await fetchAsset(streamed([[1, 2, 3, 4]], { 'content-length': '2' }), 'https://s.example/', 'a', (_l, t) => progress.push(t));
    expect(progress).toEqual([undefined]);
  });
});

describe('browser host', () => {
  it('posts outputs and input requests tagged with the run, and resolves replies', async () => {
    const posted: FromWorker[] = [];
    const inputs = new InputRequests();
    const host = createBrowserHost({ runId: 7, post: (m) => posted.push(m), params: {}, assetBase: 'https://s.example/', kept: new Map(), inputs, importTransformers: () => import('@huggingface/transformers'), switchBackend: async () => {} });
    host.emit({ kind: 'log', level: 'log', text: 'hi' });
    const reply = host.request({ kind: 'draw', prompt: 'Draw', width: 28, height: 28 });
    expect(posted).toEqual([
      { type: 'output', runId: 7, output: { kind: 'log', level: 'log', text: 'hi' } },
      { type: 'input-request', runId: 7, requestId: 1, request: { kind: 'draw', prompt: 'Draw', width: 28, height: 28 } },
    ]);
    const pixels = { width: 1, height: 1, data: new Uint8ClampedArray(4) };
    inputs.settle(1, { kind: 'pixels', pixels });
    await expect(reply).resolves.toEqual({ kind: 'pixels', pixels });
  });

  it('rejects a cancelled request with the page\'s reason', async () => {
    const inputs = new InputRequests();
    const { requestId, reply } = inputs.open();
    inputs.settle(requestId, null, 'The reader closed the camera');
    await expect(reply).rejects.toThrow('The reader closed the camera');
  });
});
