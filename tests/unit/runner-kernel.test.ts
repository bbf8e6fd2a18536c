import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import * as course from '../../src/course/index.ts';
import { createKernel, type RunMessage } from '../../src/runner/kernel.ts';
import type { Backend, FromWorker } from '../../src/runner/protocol.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function kernel(available: Backend[] = ['cpu']) {
  const posted: FromWorker[] = [];
  const k = createKernel({
    post: (m) => posted.push(m),
    tf,
    prepareBackend: async (b) => {
      if (!available.includes(b)) throw new Error(`${b} is not in this test`);
    },
    importTransformers: () => import('@huggingface/transformers'),
    modules: (loadTransformers) => ({ '@tensorflow/tfjs': () => tf, course: () => course, '@huggingface/transformers': loadTransformers }),
  });
  return { k, posted };
}

function run(runId: number, source: string, extra: Partial<RunMessage> = {}): RunMessage {
  return { type: 'run', runId, source, filename: `run${runId}.ts`, backend: 'auto', params: {}, assetBase: 'https://site.example/', ...extra };
}

describe('kernel', () => {
  it('reports the backend with fallbacks, the outputs, then done', async () => {
    const { k, posted } = kernel();
    k.receive(run(1, "console.log('hi');"));
    await k.idle();
    expect(posted.map((m) => m.type)).toEqual(['backend', 'output', 'done']);
    expect(posted[0]).toEqual({
      type: 'backend',
      runId: 1,
      backend: 'cpu',
      fallbacks: [
        { backend: 'webgpu', reason: 'webgpu is not in this test' },
        { backend: 'webgl', reason: 'webgl is not in this test' },
        { backend: 'wasm', reason: 'wasm is not in this test' },
      ],
    });
    expect(posted[1]).toEqual({ type: 'output', runId: 1, output: { kind: 'log', level: 'log', text: 'hi' } });
  });

  it('queues runs and keeps values between them, like a notebook', async () => {
    const { k, posted } = kernel();
    k.receive(run(1, "import { keep } from 'course';\nawait new Promise((r) => setTimeout(r, 30));\nkeep('answer', 42);"));
    k.receive(run(2, "import { recall } from 'course';\nconsole.log(await recall('answer', { from: 'run 1' }));"));
    await k.idle();
    const ends = posted.flatMap((m) => (m.type === 'done' || m.type === 'error' ? [m.runId] : []));
    expect(ends).toEqual([1, 2]);
    expect(posted).toContainEqual({ type: 'output', runId: 2, output: { kind: 'log', level: 'log', text: '42' } });
  });

  it('answers input requests with the page\'s reply', async () => {
    const { k, posted } = kernel();
    k.receive(run(5, "import { input } from 'course';\nconst p = await input.draw({ prompt: 'Draw' });\nconsole.log(p.width);"));
    await new Promise((r) => setTimeout(r, 50));
    const request = posted.find((m) => m.type === 'input-request');
    expect(request).toMatchObject({ runId: 5, request: { kind: 'draw', prompt: 'Draw' } });
    if (request?.type !== 'input-request') return;
    k.receive({ type: 'input-reply', runId: 5, requestId: request.requestId, value: { kind: 'pixels', pixels: { width: 3, height: 1, data: new Uint8ClampedArray(12) } } });
    await k.idle();
    expect(posted.at(-2)).toEqual({ type: 'output', runId: 5, output: { kind: 'log', level: 'log', text: '3' } });
    expect(posted.at(-1)?.type).toBe('done');
  });

  it('ends a run whose code fails with an error, and the next run works', async () => {
    const { k, posted } = kernel();
    k.receive(run(1, 'const x = ;'));
    k.receive(run(2, "console.log('fine');"));
    await k.idle();
    expect(posted.find((m) => m.type === 'error' && m.runId === 1)).toMatchObject({ error: { phase: 'syntax', line: 1 } });
    expect(posted.at(-1)).toMatchObject({ type: 'done', runId: 2 });
  });

  it('a run that switches backends and fails leaves the next run on the reader\'s choice', async () => {
    const { k, posted } = kernel(['cpu', 'wasm']);
    k.receive(run(1, "import { useBackend } from 'course';\nawait useBackend('wasm');\nthrow new Error('stopped half way');", { backend: 'cpu' }));
    k.receive(run(2, "import { backend } from 'course';\nconsole.log(backend());", { backend: 'cpu' }));
    await k.idle();
    expect(posted.find((m) => m.type === 'error' && m.runId === 1)).toMatchObject({ error: { message: expect.stringContaining('stopped half way') } });
    expect(posted).toContainEqual({ type: 'output', runId: 2, output: { kind: 'log', level: 'log', text: 'cpu' } });
  });

  it('useBackend names the reason when a backend cannot start', async () => {
    const { k, posted } = kernel(['cpu']);
    k.receive(run(1, "import { useBackend } from 'course';\nawait useBackend('webgpu');", { backend: 'cpu' }));
    await k.idle();
    expect(posted.at(-1)).toMatchObject({ type: 'error', error: { message: expect.stringContaining('webgpu is not in this test'), line: 2 } });
  });

  it('reports a crash when no backend can start', async () => {
    const { k, posted } = kernel([]);
    k.receive(run(1, "console.log('never');", { backend: 'wasm' }));
    await k.idle();
    expect(posted).toEqual([
      { type: 'error', runId: 1, error: { phase: 'crash', message: 'No TF.js backend could start: wasm: wasm is not in this test; cpu: cpu is not in this test' } },
    ]);
  });
});
