/**
 * The timer functions a run's code gets in place of the global ones (as it gets its own
 * console), so the runner knows what the code left scheduled. A run lasts until its code
 * has finished and none of its timers is pending, as a Node script does: a forgotten
 * `setInterval` keeps the run going (and visibly running, with a Stop) instead of
 * ticking on unseen behind later runs. Whatever is still pending when the run ends
 * (an error ended it) is cancelled, so no callback of a run fires during a later one.
 */

export const TIMER_NAMES = [
  'setTimeout',
  'setInterval',
  'clearTimeout',
  'clearInterval',
  'requestAnimationFrame',
  'cancelAnimationFrame',
] as const;

type Kind = 'setTimeout' | 'setInterval' | 'requestAnimationFrame';
type Callback = (...args: unknown[]) => unknown;

/** The platform's timers; `requestAnimationFrame` exists in browser workers, not in Node. */
export interface TimerScope {
  setTimeout(callback: Callback, ms?: number): unknown;
  setInterval(callback: Callback, ms?: number): unknown;
  clearTimeout(handle: unknown): void;
  clearInterval(handle: unknown): void;
  requestAnimationFrame?(callback: (time: number) => void): number;
  cancelAnimationFrame?(handle: number): void;
}

/** Timers not yet fired or cleared, by kind, and async callbacks whose promise has not settled. */
export type Pending = Partial<Record<Kind | 'callback', number>>;

export interface RunTimers {
  /** What the code sees under each of TIMER_NAMES (undefined where the platform lacks it). */
  readonly functions: Record<(typeof TIMER_NAMES)[number], unknown>;
  pending(): Pending;
  /** Resolves once nothing is pending. */
  idle(): Promise<void>;
  /** Cancels every pending timer. */
  cancelAll(): void;
}

/**
 * `onError` receives what a callback throws or an async callback rejects with: the run
 * reports it at the reader's line rather than the platform as an uncaught error.
 */
export function runTimers(onError: (error: unknown) => void, scope: TimerScope = globalThis as unknown as TimerScope): RunTimers {
  const timers = new Map<unknown, { kind: Kind; cancel(): void }>();
  /** One token per async callback whose promise has not settled. */
  const running = new Set<object>();
  const waiting = new Set<() => void>();

  const busy = () => timers.size > 0 || running.size > 0;
  const settle = () => {
    if (busy()) return;
    for (const wake of [...waiting]) wake();
    waiting.clear();
  };
  const invoke = (callback: Callback, args: unknown[]) => {
    let result: unknown;
    try {
      result = callback(...args);
    } catch (err) {
      onError(err);
      return;
    }
    if (!isThenable(result)) return;
    const token = {};
    running.add(token);
    result.then(undefined, onError).then(() => {
      if (running.delete(token)) settle();
    });
  };
  const forget = (handle: unknown) => {
    if (timers.delete(handle)) settle();
  };
  const clear = (handle: unknown) => {
    timers.get(handle)?.cancel();
    forget(handle);
  };

  const functions: RunTimers['functions'] = {
    setTimeout(callback: unknown, ms?: number, ...args: unknown[]) {
      // A string body would run in the global scope, outside the run: refuse it rather than lose track.
      if (typeof callback !== 'function') throw new TypeError('setTimeout: pass a function, not a string of code');
      const handle = scope.setTimeout(() => {
        forget(handle);
        invoke(callback as Callback, args);
      }, ms);
      timers.set(handle, { kind: 'setTimeout', cancel: () => scope.clearTimeout(handle) });
      return handle;
    },
    setInterval(callback: unknown, ms?: number, ...args: unknown[]) {
      if (typeof callback !== 'function') throw new TypeError('setInterval: pass a function, not a string of code');
      const handle = scope.setInterval(() => invoke(callback as Callback, args), ms);
      timers.set(handle, { kind: 'setInterval', cancel: () => scope.clearInterval(handle) });
      return handle;
    },
    clearTimeout: (handle: unknown) => (timers.has(handle) ? clear(handle) : scope.clearTimeout(handle)),
    clearInterval: (handle: unknown) => (timers.has(handle) ? clear(handle) : scope.clearInterval(handle)),
    requestAnimationFrame: undefined,
    cancelAnimationFrame: undefined,
  };
  const { requestAnimationFrame, cancelAnimationFrame } = scope;
  if (requestAnimationFrame && cancelAnimationFrame) {
    functions.requestAnimationFrame = (callback: (time: number) => void) => {
      const handle = requestAnimationFrame.call(scope, (time) => {
        forget(handle);
        invoke(callback as Callback, [time]);
      });
      timers.set(handle, { kind: 'requestAnimationFrame', cancel: () => cancelAnimationFrame.call(scope, handle) });
      return handle;
    };
    functions.cancelAnimationFrame = (handle: number) => (timers.has(handle) ? clear(handle) : cancelAnimationFrame.call(scope, handle));
  }

  return {
    functions,
    pending() {
      const counts: Pending = {};
      for (const { kind } of timers.values()) counts[kind] = (counts[kind] ?? 0) + 1;
      if (running.size) counts.callback = running.size;
      return counts;
    },
    async idle() {
      // Woken when the last timer goes, it looks again: the code that cleared it may
      // have started another in the same breath.
      while (busy()) await new Promise<void>((resolve) => waiting.add(resolve));
    },
    cancelAll() {
      for (const { cancel } of timers.values()) cancel();
      timers.clear();
      running.clear();
      settle();
    },
  };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

const WORDS: Record<keyof Pending, [string, string]> = {
  setInterval: ['interval', 'intervals'],
  setTimeout: ['timeout', 'timeouts'],
  requestAnimationFrame: ['animation frame request', 'animation frame requests'],
  callback: ['async callback', 'async callbacks'],
};

/**
 * The note a run shows when its code has finished but timers keep it going, e.g.
 * "The code has finished, but 1 interval it started is still running: ...".
 * Undefined when nothing is pending.
 */
export function pendingTimersText(pending: Pending): string | undefined {
  const entries = (Object.entries(pending) as [keyof Pending, number][]).filter(([, n]) => n > 0);
  if (!entries.length) return undefined;
  const parts = entries.map(([kind, n]) => `${n} ${WORDS[kind][n === 1 ? 0 : 1]}`);
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  const one = entries.length === 1 && entries[0]![1] === 1;
  return (
    `The code has finished, but ${list} it started ${one ? 'is' : 'are'} still running. ` +
    'The run goes on until they are done or cleared (clearInterval, clearTimeout), or until you press Stop.'
  );
}
