import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import * as course from '../../src/course/index.ts';
import { activateNodeBackend, createNodeHost } from '../../src/course/hosts/node.ts';
import { execute } from '../../src/runner/execute.ts';
import type { ModuleMap } from '../../src/runner/modules.ts';
import { pendingTimersText, runTimers, type TimerScope } from '../../src/runner/timers.ts';

/** Timers that fire only when the test says so. */
class ManualScope implements TimerScope {
  private next = 1;
  readonly due = new Map<number, { callback: (...args: unknown[]) => unknown; repeat: boolean }>();
  readonly frames = new Map<number, (time: number) => void>();
  setTimeout(callback: (...args: unknown[]) => unknown) {
    const id = this.next++;
    this.due.set(id, { callback, repeat: false });
    return id;
  }
  setInterval(callback: (...args: unknown[]) => unknown) {
    const id = this.next++;
    this.due.set(id, { callback, repeat: true });
    return id;
  }
  clearTimeout(id: unknown) {
    this.due.delete(id as number);
  }
  clearInterval(id: unknown) {
    this.due.delete(id as number);
  }
  requestAnimationFrame(callback: (time: number) => void) {
    const id = this.next++;
    this.frames.set(id, callback);
    return id;
  }
  cancelAnimationFrame(id: number) {
    this.frames.delete(id);
  }
  fire(id: number) {
    const timer = this.due.get(id)!;
    if (!timer.repeat) this.due.delete(id);
    timer.callback();
  }
  frame(id: number) {
    const callback = this.frames.get(id)!;
    this.frames.delete(id);
    callback(16);
  }
}

type Fn = (...args: unknown[]) => number;

function setup() {
  const scope = new ManualScope();
  const errors: unknown[] = [];
  const timers = runTimers((e) => errors.push(e), scope);
  const f = timers.functions as unknown as Record<string, Fn>;
  let idle = false;
  const watchIdle = () => void timers.idle().then(() => (idle = true));
  return { scope, errors, timers, f, watchIdle, isIdle: () => idle };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('run timers', () => {
  it('count what is pending by kind until it fires or is cleared', async () => {
    const { scope, timers, f, watchIdle, isIdle } = setup();
    const timeout = f.setTimeout!(() => undefined, 10);
    const interval = f.setInterval!(() => undefined, 10);
    f.requestAnimationFrame!(() => undefined);
    expect(timers.pending()).toEqual({ setTimeout: 1, setInterval: 1, requestAnimationFrame: 1 });
    watchIdle();
    scope.fire(timeout);
    scope.fire(interval);
    scope.frame([...scope.frames.keys()][0]!);
    await flush();
    expect(timers.pending()).toEqual({ setInterval: 1 });
    expect(isIdle()).toBe(false);
    f.clearInterval!(interval);
    await flush();
    expect(isIdle()).toBe(true);
    expect(scope.due.size).toBe(0);
  });

  it('stay busy when a callback clears its timer and starts another at once', async () => {
    const { scope, timers, f, watchIdle, isIdle } = setup();
    const first = f.setTimeout!(() => f.setTimeout!(() => undefined, 5), 5);
    watchIdle();
    scope.fire(first);
    await flush();
    expect(isIdle()).toBe(false);
    expect(timers.pending()).toEqual({ setTimeout: 1 });
    scope.fire([...scope.due.keys()][0]!);
    await flush();
    expect(isIdle()).toBe(true);
  });

  it('count an async callback until its promise settles, and report its rejection', async () => {
    const { scope, errors, timers, f, watchIdle, isIdle } = setup();
    let reject!: (e: Error) => void;
    const id = f.setTimeout!(() => new Promise((_, r) => (reject = r)), 5);
    watchIdle();
    scope.fire(id);
    expect(timers.pending()).toEqual({ callback: 1 });
    reject(new Error('late failure'));
    await flush();
    expect(errors).toEqual([new Error('late failure')]);
    expect(isIdle()).toBe(true);
  });

  it('hand what a callback throws to the run instead of the platform', () => {
    const { scope, errors, f } = setup();
    const id = f.setInterval!(() => {
      throw new RangeError('tick failed');
    }, 5);
    expect(() => scope.fire(id)).not.toThrow();
    expect(errors).toEqual([new RangeError('tick failed')]);
  });

  it('cancel everything still pending', async () => {
    const { scope, timers, f, watchIdle, isIdle } = setup();
    f.setInterval!(() => undefined, 5);
    f.setTimeout!(() => undefined, 5);
    f.requestAnimationFrame!(() => undefined);
    watchIdle();
    timers.cancelAll();
    await flush();
    expect(scope.due.size + scope.frames.size).toBe(0);
    expect(timers.pending()).toEqual({});
    expect(isIdle()).toBe(true);
  });

  it('refuse a string of code, which would run outside the run', () => {
    const { f } = setup();
    expect(() => f.setTimeout!('tick()', 5)).toThrow('setTimeout: pass a function, not a string of code');
  });

  it('leave animation frames out where the platform has none (Node)', () => {
    const { setTimeout, setInterval, clearTimeout, clearInterval } = new ManualScope();
    const timers = runTimers(() => undefined, { setTimeout, setInterval, clearTimeout, clearInterval });
    expect(timers.functions.requestAnimationFrame).toBeUndefined();
    expect(timers.functions.cancelAnimationFrame).toBeUndefined();
  });

  it('say what keeps a finished run going', () => {
    expect(pendingTimersText({})).toBeUndefined();
    expect(pendingTimersText({ setInterval: 1 })).toBe(
      'The code has finished, but 1 interval it started is still running. ' +
        'The run goes on until they are done or cleared (clearInterval, clearTimeout), or until you press Stop.',
    );
    expect(pendingTimersText({ setInterval: 2, setTimeout: 1, callback: 1 })).toMatch(/^The code has finished, but 2 intervals, 1 timeout and 1 async callback it started are still running\./);
  });
});

describe('a run and its timers', () => {
  const modules: ModuleMap = { '@tensorflow/tfjs': () => tf, course: () => course };
  beforeAll(() => activateNodeBackend('cpu'));

  async function run(source: string) {
    const host = createNodeHost({ assetDir: 'public' });
    const result = await execute(source, 'lesson.ts', host, modules);
    const texts = () => host.outputs.map((o) => (o.kind === 'log' || o.kind === 'html-note' ? o.text : o.kind));
    return { ...result, texts };
  }

  it('ends when the interval it started is cleared, with every tick in its output', async () => {
    const r = await run('let n = 0;\nconst id = setInterval(() => {\n  console.log(`tick ${++n}`);\n  if (n === 3) clearInterval(id);\n}, 5);');
    expect(r.error).toBeUndefined();
    expect(r.texts()).toEqual([expect.stringMatching(/^The code has finished, but 1 interval/), 'tick 1', 'tick 2', 'tick 3']);
  });

  it('ends with the error a callback throws, at its line, and cancels the timers left', async () => {
    const r = await run([
      'let ticks = 0;',
      'setInterval(() => console.log(`tick ${++ticks}`), 5);',
      'setTimeout(() => {',
      "  throw new Error('a callback failed');",
      '}, 30);',
    ].join('\n'));
    expect(r.error).toMatchObject({ phase: 'runtime', line: 4, message: 'Uncaught error in a callback: a callback failed' });
    const ticks = r.texts().length;
    expect(ticks).toBeGreaterThan(1);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(r.texts()).toHaveLength(ticks);
  });

  it('reports a rejected async callback as a rejection at its line', async () => {
    const r = await run("setTimeout(async () => {\n  await null;\n  throw new TypeError('async callback failed');\n}, 5);");
    expect(r.error).toMatchObject({ phase: 'runtime', line: 3, message: 'Uncaught error in a callback: TypeError: async callback failed' });
  });
});
