/**
 * Rate limiting for outputs that playground code updates in a loop (chart points,
 * progress). A training loop may push thousands of points a second; the page needs a
 * few batches a second. Updates are flushed at most every FLUSH_INTERVAL_MS, checked on
 * each update (so a loop that never yields to the event loop still streams) and by a
 * timer (so the last updates before a pause arrive), and all at the end of a run.
 */

export const FLUSH_INTERVAL_MS = 100;

export interface Throttled {
  /** Marks new data; flushes now if the last flush is old enough, else soon. */
  poke(): void;
  /** Sends whatever is pending now. */
  flush(): void;
}

const pending = new Set<Throttled>();

/** Flushes every throttled output with pending data; the runner calls it when a run ends. */
export function flushAll(): void {
  for (const t of [...pending]) t.flush();
}

/** `intervalMs`: a shorter interval for outputs that animate (drawings); default FLUSH_INTERVAL_MS. */
export function throttle(send: () => void, now: () => number = () => performance.now(), intervalMs: number = FLUSH_INTERVAL_MS): Throttled {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const self: Throttled = {
    poke() {
      pending.add(self);
      const wait = last + intervalMs - now();
      if (wait <= 0) self.flush();
      else timer ??= setTimeout(() => self.flush(), wait);
    },
    flush() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      if (!pending.delete(self)) return;
      last = now();
      send();
    },
  };
  return self;
}
