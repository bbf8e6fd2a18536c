import { formatArgs, printedTensors } from '../runner/format.ts';
import type { LogLevel, Output } from '../runner/protocol.ts';
import { getHost, type CourseHost } from './host.ts';
import { readsAtOnce, send } from './outputs.ts';

/**
 * Emits one log line at `level`, formatting the values like `console.log` in a
 * playground. `host`: the run it belongs to (a run's console keeps printing to its own
 * run from timers that fire after it).
 */
export function print(level: LogLevel, args: readonly unknown[], host: CourseHost = getHost()): void {
  const tensors = printedTensors(args);
  if (readsAtOnce(tensors)) {
    send({ kind: 'log', level, text: formatArgs(args) }, host);
    return;
  }
  // Reading starts now, so disposing the tensor right after the log is fine.
  const reads = tensors.map((t) => t.data());
  const values = Promise.all(reads).then(
    (read): Output => ({ kind: 'log', level, text: formatArgs(args, new Map(tensors.map((t, i) => [t, read[i]!]))) }),
  );
  send(values, host);
}

/** Prints values (tensors show shape, dtype and abbreviated values), like `console.log`. */
export function log(...values: unknown[]): void {
  print('log', values);
}

/** Prints values at the `info` level. */
export function info(...values: unknown[]): void {
  print('info', values);
}

/** Prints values at the `warn` level (the page shows them as warnings). */
export function warn(...values: unknown[]): void {
  print('warn', values);
}

/** Prints values at the `error` level; does not stop the run (throw for that). */
export function error(...values: unknown[]): void {
  print('error', values);
}

/**
 * A highlighted note under the output, e.g. to say a data set is missing and how to get
 * it. `command` is shown as a copyable shell command.
 */
export function notice(tone: 'info' | 'warning', text: string, command?: string): void {
  send(command === undefined ? { kind: 'html-note', tone, text } : { kind: 'html-note', tone, text, command });
}
