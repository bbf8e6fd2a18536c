import { describe, expect, it } from 'vitest';
import { CRASH_MESSAGE, Kernel, type RunHandlers, type RunRequest, type WorkerLike } from '../../src/playground/kernel.ts';
import { OUT_OF_MEMORY_TEXT } from '../../src/playground/output/format.ts';
import type { FromWorker, Output, ToWorker } from '../../src/runner/protocol.ts';

/** A scripted stand-in for the kernel worker: records what the page posts, lets tests reply. */
class FakeWorker implements WorkerLike {
  posted: ToWorker[] = [];
  terminated = false;
  private listeners = new Map<string, ((event: Event) => void)[]>();
  postMessage(message: ToWorker): void {
    this.posted.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  addEventListener(type: string, listener: (event: Event) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  send(data: FromWorker): void {
    const event = new MessageEvent('message', { data });
    for (const l of this.listeners.get('message') ?? []) l(event);
  }
  fail(message: string): void {
    const event = Object.assign(new Event('error', { cancelable: true }), { message });
    for (const l of this.listeners.get('error') ?? []) l(event);
  }
  lastRun(): Extract<ToWorker, { type: 'run' }> {
    const runs = this.posted.filter((m) => m.type === 'run');
    return runs[runs.length - 1] as Extract<ToWorker, { type: 'run' }>;
  }
}

const REQUEST: RunRequest = { source: 'console.log(1)', filename: 'lab/a.ts', backend: 'auto', params: {}, assetBase: 'http://x/' };
const SUMMARY = { durationMs: 5, backend: 'wasm' as const, tensorsBefore: 0, tensorsAfter: 0 };
const tick = () => new Promise((r) => setTimeout(r, 0));

function setup() {
  const workers: FakeWorker[] = [];
  const kernel = new Kernel(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  });
  return { kernel, workers };
}

function collect(): RunHandlers & { outputs: Output[] } {
  const outputs: Output[] = [];
  return { outputs, onOutput: (o) => outputs.push(o), onInputRequest: async () => null };
}

describe('kernel client', () => {
  it('waits for ready, runs, routes outputs and reuses one worker between runs', async () => {
    const { kernel, workers } = setup();
    const h = collect();
    const first = kernel.run(REQUEST, h);
    await tick();
    expect(workers).toHaveLength(1);
    expect(workers[0]!.posted).toHaveLength(0);
    workers[0]!.send({ type: 'ready' });
    await tick();
    const msg = workers[0]!.lastRun();
    expect(msg).toMatchObject({ type: 'run', runId: first.runId, source: REQUEST.source, filename: 'lab/a.ts' });
    workers[0]!.send({ type: 'output', runId: first.runId, output: { kind: 'log', level: 'log', text: '1' } });
    workers[0]!.send({ type: 'output', runId: 999, output: { kind: 'log', level: 'log', text: 'stale' } });
    workers[0]!.send({ type: 'done', runId: first.runId, summary: SUMMARY });
    expect(await first.done).toEqual({ status: 'done', summary: SUMMARY });
    expect(h.outputs.map((o) => (o.kind === 'log' ? o.text : ''))).toEqual(['1']);

    const second = kernel.run(REQUEST, collect());
    await tick();
    expect(workers).toHaveLength(1);
    workers[0]!.send({ type: 'error', runId: second.runId, error: { phase: 'runtime', message: 'boom', line: 2 } });
    expect(await second.done).toEqual({ status: 'error', error: { phase: 'runtime', message: 'boom', line: 2 } });
    expect(workers[0]!.terminated).toBe(false);
  });

  it('queues a second run until the first ends', async () => {
    const { kernel, workers } = setup();
    const a = kernel.run(REQUEST, collect());
    const b = kernel.run({ ...REQUEST, filename: 'lab/b.ts' }, collect());
    await tick();
    workers[0]!.send({ type: 'ready' });
    await tick();
    expect(workers[0]!.posted.filter((m) => m.type === 'run')).toHaveLength(1);
    workers[0]!.send({ type: 'done', runId: a.runId, summary: SUMMARY });
    await tick();
    expect(workers[0]!.lastRun()).toMatchObject({ runId: b.runId, filename: 'lab/b.ts' });
  });

  it('stop terminates the worker at once and the next run starts a fresh one', async () => {
    const { kernel, workers } = setup();
    const spin = kernel.run({ ...REQUEST, source: 'while (true) {}' }, collect());
    await tick();
    workers[0]!.send({ type: 'ready' });
    await tick();
    spin.stop();
    expect(await spin.done).toEqual({ status: 'stopped' });
    expect(workers[0]!.terminated).toBe(true);
    expect(kernel.busy).toBe(false);

    const next = kernel.run(REQUEST, collect());
    await tick();
    expect(workers).toHaveLength(2);
    workers[1]!.send({ type: 'ready' });
    await tick();
    workers[1]!.send({ type: 'done', runId: next.runId, summary: SUMMARY });
    expect((await next.done).status).toBe('done');
    expect(kernel.generation).toBe(2);
  });

  it('stopping a queued run removes it without touching the running one', async () => {
    const { kernel, workers } = setup();
    const a = kernel.run(REQUEST, collect());
    const b = kernel.run(REQUEST, collect());
    b.stop();
    expect(await b.done).toEqual({ status: 'stopped' });
    await tick();
    workers[0]!.send({ type: 'ready' });
    await tick();
    expect(workers[0]!.terminated).toBe(false);
    expect(workers[0]!.lastRun().runId).toBe(a.runId);
  });

  it('reports a worker crash in words and restarts on the next run', async () => {
    const { kernel, workers } = setup();
    const run = kernel.run(REQUEST, collect());
    await tick();
    workers[0]!.send({ type: 'ready' });
    await tick();
    workers[0]!.fail('Uncaught TypeError: x is not a function');
    const end = await run.done;
    expect(end.status).toBe('crashed');
    expect(end.status === 'crashed' && end.message).toBe(`${CRASH_MESSAGE}. (Uncaught TypeError: x is not a function)`);
    expect(workers[0]!.terminated).toBe(true);

    const next = kernel.run(REQUEST, collect());
    await tick();
    workers[1]!.send({ type: 'ready' });
    await tick();
    workers[1]!.send({ type: 'error', runId: next.runId, error: { phase: 'crash', message: 'GPU device was lost' } });
    const end2 = await next.done;
    expect(end2.status === 'crashed' && end2.message).toContain('GPU device was lost');
    expect(workers[1]!.terminated).toBe(true);
  });

  it('restarts the kernel when a run runs out of memory, keeping the error\'s line', async () => {
    const { kernel, workers } = setup();
    const run = kernel.run(REQUEST, collect());
    await tick();
    workers[0]!.send({ type: 'ready' });
    await tick();
    const error = { phase: 'runtime' as const, message: 'RangeError: Array buffer allocation failed', line: 4, column: 14 };
    workers[0]!.send({ type: 'error', runId: run.runId, error });
    expect(await run.done).toEqual({ status: 'error', error });
    expect(workers[0]!.terminated).toBe(true);

    const crash = kernel.run(REQUEST, collect());
    await tick();
    expect(workers).toHaveLength(2);
    workers[1]!.send({ type: 'ready' });
    await tick();
    workers[1]!.fail('Uncaught RangeError: WebAssembly memory is full: no room for 256 MB more');
    const end = await crash.done;
    expect(end).toEqual({ status: 'crashed', message: `${OUT_OF_MEMORY_TEXT}. (Uncaught RangeError: WebAssembly memory is full: no room for 256 MB more)` });
  });

  it('keeps the kernel after an ordinary runtime error', async () => {
    const { kernel, workers } = setup();
    const run = kernel.run(REQUEST, collect());
    await tick();
    workers[0]!.send({ type: 'ready' });
    await tick();
    workers[0]!.send({ type: 'error', runId: run.runId, error: { phase: 'runtime', message: 'RangeError: Invalid array length' } });
    await run.done;
    expect(workers[0]!.terminated).toBe(false);
  });

  it('reports a worker that fails before it is ready', async () => {
    const { kernel, workers } = setup();
    const run = kernel.run(REQUEST, collect());
    await tick();
    workers[0]!.fail('');
    const end = await run.done;
    expect(end).toEqual({ status: 'crashed', message: 'The kernel could not start: the worker stopped' });
  });

  it('answers input requests with the handler value and transfers pixels', async () => {
    const { kernel, workers } = setup();
    const pixels = { width: 2, height: 1, data: new Uint8ClampedArray(8).fill(255) };
    const run = kernel.run(REQUEST, {
      onOutput: () => undefined,
      onInputRequest: async (req) => (req.kind === 'draw' ? { kind: 'pixels', pixels } : null),
    });
    await tick();
    workers[0]!.send({ type: 'ready' });
    await tick();
    workers[0]!.send({ type: 'input-request', runId: run.runId, requestId: 7, request: { kind: 'draw', prompt: 'a digit', width: 2, height: 1 } });
    await tick();
    expect(workers[0]!.posted.at(-1)).toEqual({ type: 'input-reply', runId: run.runId, requestId: 7, value: { kind: 'pixels', pixels } });
  });

  it('aborts a pending input request when the run is stopped', async () => {
    const { kernel, workers } = setup();
    let aborted = false;
    const run = kernel.run(REQUEST, {
      onOutput: () => undefined,
      onInputRequest: (_req, signal) =>
        new Promise((_, reject) => signal.addEventListener('abort', () => ((aborted = true), reject(new Error('cancelled'))))),
    });
    await tick();
    workers[0]!.send({ type: 'ready' });
    await tick();
    workers[0]!.send({ type: 'input-request', runId: run.runId, requestId: 1, request: { kind: 'photo', prompt: 'p', allowWebcam: false } });
    run.stop();
    await run.done;
    await tick();
    expect(aborted).toBe(true);
    expect(workers[0]!.posted.filter((m) => m.type === 'input-reply')).toHaveLength(0);
  });
});
