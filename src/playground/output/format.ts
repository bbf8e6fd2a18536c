/** Words and numbers the playground shows: pure functions, unit-tested. */
import type { Backend, Output, RunError, RunSummary } from '../../runner/protocol.ts';
import { isOutOfMemory } from '../../runner/out-of-memory.ts';
import { formatBytes, formatWhen } from '../../lib/units.ts';

export const BACKEND_NAMES: Record<Backend, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** Percent in 0..100, clamped; 0 when the total is unknown. */
export function percent(value: number, total: number): number {
  if (!(total > 0)) return 0;
  return Math.max(0, Math.min(100, (value / total) * 100));
}

/** "45% (1.2 MB of 2.6 MB)" or "3 / 10 (30%)". */
export function progressText(value: number, total: number, unit: 'bytes' | 'items' = 'items'): string {
  const pct = Math.floor(percent(value, total));
  if (unit === 'bytes') {
    return total > 0 ? `${pct}% (${formatBytes(value)} of ${formatBytes(total)})` : formatBytes(value);
  }
  return total > 0 ? `${value} / ${total} (${pct}%)` : String(value);
}

/** "0:07", "12:34", "1:02:03": a duration as a clock, like tqdm. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/**
 * Elapsed time and an estimate of the time left, from the average rate since the bar
 * started ("0:12 elapsed, about 0:28 left"); nothing for the first second, or when there
 * is no total or no progress yet to extrapolate from.
 */
export function timeLeftText(elapsedMs: number, value: number, total: number, startValue = 0): string {
  if (elapsedMs < 1000) return '';
  if (total > 0 && value >= total) return `${clock(elapsedMs)} in all`;
  const done = value - startValue;
  if (!(total > 0) || done <= 0) return `${clock(elapsedMs)} elapsed`;
  return `${clock(elapsedMs)} elapsed, about ${clock((elapsedMs / done) * (total - value))} left`;
}

/** "WebGPU unavailable: no adapter - using WebGL", one line per backend that was skipped. */
export function fallbackText(backend: Backend, fallbacks: { backend: Backend; reason: string }[]): string[] {
  return fallbacks.map((f) => `${BACKEND_NAMES[f.backend]} unavailable: ${f.reason} - using ${BACKEND_NAMES[backend]}`);
}

/**
 * What the run left allocated: a note when it kept values for later playgrounds (those
 * tensors are meant to stay), a warning when it simply leaked, else undefined.
 */
export function leakText(summary: RunSummary): { tone: 'info' | 'warning'; text: string } | undefined {
  const leaked = summary.tensorsAfter - summary.tensorsBefore;
  if (leaked <= 0) return undefined;
  if (summary.kept?.length) {
    const names = summary.kept.map((n) => `"${n}"`).join(', ');
    return { tone: 'info', text: `Kept ${names} for the playgrounds after this one (${leaked} tensor${leaked === 1 ? '' : 's'} stay in memory).` };
  }
  return { tone: 'warning', text:  `The run left ${leaked} tensor${leaked === 1 ? '' : 's'} allocated (${summary.tensorsBefore} before, ${summary.tensorsAfter} after). Wrap work in tf.tidy() or dispose() tensors you no longer need.` };
}

export function summaryText(summary: RunSummary): string {
  const threads = summary.threads === undefined ? '' : `, ${summary.threads} thread${summary.threads === 1 ? '' : 's'}`;
  return `Done in ${formatDuration(summary.durationMs)} on ${BACKEND_NAMES[summary.backend]}${threads}`;
}

/** What the page knows about isolation: see public/coi-sw.js. */
export interface IsolationState {
  cores: number;
  /** The browser has service workers at all. */
  serviceWorkers: boolean;
  /** A service worker controls this page (it was loaded through coi-sw.js). */
  controlled: boolean;
}

/**
 * Why WASM used one thread on a machine with more cores, and what would change it; or
 * undefined when it used them all (or had only one).
 */
export function threadNote(summary: RunSummary, state: IsolationState): string | undefined {
  if (summary.threads !== 1 || summary.isolated || state.cores <= 1) return undefined;
  const why = !state.serviceWorkers
    ? 'this browser has no service workers, which the course needs to isolate the page'
    : state.controlled
      ? 'this browser did not make the page cross-origin isolated'
      : `this page is not cross-origin isolated yet; reload it to let WASM use all ${state.cores} cores (if the browser allows service workers)`;
  return `WASM ran on one thread of ${state.cores}: ${why}.`;
}

/** What the page says when a run ran out of memory; the kernel client restarts the kernel then. */
export const OUT_OF_MEMORY_TEXT =
  'The kernel ran out of memory and has been restarted, so values kept for later playgrounds are gone too. ' +
  'Tensors stay in memory until they are disposed: wrap work in tf.tidy(), dispose() tensors you no longer need, or use smaller sizes';

/**
 * "Line 3, column 7: Unexpected token" for errors that know where they are; an
 * allocation failure in plain words, with the engine's message after it.
 */
export function errorHeadline(error: RunError): string {
  const where = error.line ? `Line ${error.line}${error.column ? `, column ${error.column}` : ''}: ` : '';
  if (error.phase === 'runtime' && isOutOfMemory(error.message)) return `${where}${OUT_OF_MEMORY_TEXT}. (${error.message})`;
  const kind = error.phase === 'syntax' ? 'Syntax error' : error.phase === 'import' ? 'Import error' : 'Error';
  return where ? `${where}${error.message}` : `${kind}: ${error.message}`;
}

export function formatCell(value: string | number): string {
  if (typeof value === 'string') return value;
  if (Number.isInteger(value)) return String(value);
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  return abs !== 0 && (abs < 1e-3 || abs >= 1e6) ? value.toExponential(3) : String(Number(value.toPrecision(4)));
}

/** The run's note when it stored a model in the browser or loaded one back. */
export function storedModelText({ action, info }: Extract<Output, { kind: 'stored-model' }>): string {
  if (action === 'saved') {
    return `Stored “${info.name}” in this browser (${formatBytes(info.bytes)}): after a reload, the playgrounds that use it load it instead of training again.`;
  }
  return `Loaded “${info.name}”, the model you trained on ${formatWhen(info.savedAt)}${info.edited ? ' with your edited code' : ''} (stored in this browser by ${info.playground}).`;
}
