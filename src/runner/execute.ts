/**
 * Runs one playground source: transpile, resolve imports, run as an AsyncFunction with
 * console and unhandled rejections captured, and report duration and tensor counts.
 * The browser worker and the Node test harness both call this, with their own host and
 * module map, so a playground behaves the same in both.
 */
import { setHost, type CourseHost } from '../course/host.ts';
import { flushAll } from '../course/throttle.ts';
import { drainOutputs, send } from '../course/outputs.ts';
import { print } from '../course/log.ts';
import { isAssetMissingError } from '../course/data/errors.ts';
import { tableOutput, type TableData } from '../course/table.ts';
import type { Backend, LogLevel, RunError, RunSummary } from './protocol.ts';
import { requireFrom, resolveImports, type ModuleMap } from './modules.ts';
import { compile, lineOffset, locateCompileError, mapError, type StackContext } from './stack.ts';
import { forgetModelGraphs, type TfFlags } from './layers-cache.ts';
import { pendingTimersText, runTimers, TIMER_NAMES } from './timers.ts';
import { transpile } from './transpile.ts';
// Training conv2d layers on WASM needs a kernel TF.js 4.22 lacks; registering it here covers the worker and Node.
import './wasm-kernels.ts';

/** The TF.js functions the runner itself needs from the module map's `@tensorflow/tfjs`. */
interface TfRuntime extends TfFlags {
  memory(): { numTensors: number };
  getBackend(): string;
}

export interface RunResult {
  summary: RunSummary;
  error?: RunError;
}

const PARAMS = ['require', 'exports', 'module', 'console', ...TIMER_NAMES] as const;
export const TFJS = '@tensorflow/tfjs';

/**
 * Runs `source` (TypeScript) as the body of an async function. `modules` must contain
 * `@tensorflow/tfjs` (the runner reads memory and the backend from it) and `course`.
 */
export async function execute(source: string, filename: string, host: CourseHost, modules: ModuleMap): Promise<RunResult> {
  const started = performance.now();
  const tf = (await modules[TFJS]?.()) as TfRuntime | undefined;
  if (!tf) throw new Error(`execute: the module map has no "${TFJS}" entry`);
  const tensorsBefore = tf.memory().numTensors;
  const keptBefore = new Map(host.kept);
  const result = (error?: RunError): RunResult => {
    const summary: RunSummary = {
      durationMs: performance.now() - started,
      backend: tf.getBackend() as Backend,
      tensorsBefore,
      tensorsAfter: tf.memory().numTensors,
    };
    const kept = [...host.kept].filter(([name, value]) => keptBefore.get(name) !== value).map(([name]) => name);
    if (kept.length) summary.kept = kept;
    return error ? { summary, error } : { summary };
  };

  const transpiled = transpile(source, filename);
  if (!transpiled.ok) return result(transpiled.error);
  const resolved = await resolveImports(transpiled.imports, modules, filename);
  if (!resolved.ok) return result(resolved.error);

  let fn: ReturnType<typeof compile>;
  try {
    fn = compile(transpiled.code, filename, PARAMS);
  } catch (err) {
    // Errors sucrase lets through (e.g. a duplicate `let`); the engine gives no position.
    const message = err instanceof Error ? err.message : String(err);
    const at = locateCompileError(message, source);
    return result(
      at
        ? { phase: 'syntax', message: `${message} at ${filename}:${at.line}:${at.column}`, ...at }
        : { phase: 'syntax', message: `${message} (in ${filename})` },
    );
  }
  const ctx: StackContext = {
    filename,
    offset: lineOffset(PARAMS),
    sourceLines: source.split('\n'),
    codeLines: transpiled.code.split('\n'),
  };
  const runtimeError = (err: unknown, prefix = ''): RunError => {
    const mapped = mapError(err, ctx);
    // A prefix already says how it escaped; mapError's "Uncaught" for non-Errors would repeat it.
    const message = prefix ? prefix + mapped.message.replace(/^Uncaught /, '') : mapped.message;
    return { phase: 'runtime', ...mapped, message };
  };

  setHost(host);
  // The reader's code gets its own console and timers (timers.ts: the run lasts as long
  // as they do); the global console is redirected while the run lasts, so what libraries
  // print (`model.summary()`, TF.js warnings) shows in the output too.
  const captured = capturedConsoleMethods(host);
  const readerConsole = Object.assign(Object.create(console) as Console, captured);
  const restoreConsole = redirectConsole(captured);
  // A TF.js error is thrown ~15 frames below the reader's call; V8 keeps 10 by default.
  const ErrorWithLimit = Error as { stackTraceLimit?: number };
  const stackTraceLimit = ErrorWithLimit.stackTraceLimit;
  if (typeof stackTraceLimit === 'number') ErrorWithLimit.stackTraceLimit = Math.max(stackTraceLimit, 100);
  let rejected: (error: RunError) => void = () => {};
  const stray = new Promise<RunError>((resolve) => (rejected = resolve));
  const callbackError = (err: unknown) => rejected(runtimeError(err, 'Uncaught error in a callback: '));
  const unwatch = watchUncaught((reason) => rejected(runtimeError(reason, 'Unhandled promise rejection: ')), callbackError);
  const timers = runTimers(callbackError);
  try {
    const module = { exports: {} };
    const run = fn(requireFrom(resolved.modules), module.exports, module, readerConsole, ...TIMER_NAMES.map((name) => timers.functions[name])).then(
      () => undefined,
      // A run stopped by an asset this build lacks ends as done, not as an error: the loader
      // has already shown a notice with the command that fetches it, and the reader did nothing wrong.
      (err: unknown) => (isAssetMissingError(err) ? undefined : runtimeError(err)),
    );
    let error = await Promise.race([run, stray]);
    const waitingFor = error ? undefined : pendingTimersText(timers.pending());
    if (waitingFor) {
      send({ kind: 'html-note', tone: 'info', text: waitingFor }, host);
      error = await Promise.race([timers.idle().then(() => undefined), stray]);
    }
    // Rejections are reported after the microtask queue drains; give them one task.
    error ??= await Promise.race([stray, new Promise<undefined>((r) => setTimeout(r, 0))]);
    flushAll();
    await drainOutputs();
    return result(error);
  } finally {
    timers.cancelAll();
    forgetModelGraphs(tf);
    unwatch();
    restoreConsole();
    if (typeof stackTraceLimit === 'number') ErrorWithLimit.stackTraceLimit = stackTraceLimit;
  }
}

/** Console methods that print to the run's output. */
function capturedConsoleMethods(host: CourseHost): Partial<Console> {
  const levels: Record<string, LogLevel> = { log: 'log', info: 'info', warn: 'warn', error: 'error', debug: 'log', dir: 'log', trace: 'log' };
  const captured: Record<string, unknown> = {};
  for (const [method, level] of Object.entries(levels)) {
    captured[method] = (...args: unknown[]) => print(level, args, host);
  }
  captured.assert = (condition: unknown, ...args: unknown[]) => {
    if (!condition) print('error', ['Assertion failed:', ...args], host);
  };
  captured.table = (data: unknown, columns?: string[]) => {
    if (typeof data === 'object' && data !== null) send(tableOutput(data as TableData, columns ? { columns } : {}), host);
    else print('log', [data], host);
  };
  return captured as Partial<Console>;
}

/** Puts `methods` on the global console; returns the undo. */
function redirectConsole(methods: Partial<Console>): () => void {
  const target = console as unknown as Record<string, unknown>;
  const saved = Object.keys(methods).map((k) => [k, target[k]] as const);
  Object.assign(target, methods);
  return () => {
    for (const [k, v] of saved) target[k] = v;
  };
}

/**
 * Listens for unhandled rejections (and, in a browser, uncaught errors from callbacks)
 * while a run lasts, taking them from the environment's default handling.
 */
function watchUncaught(onRejection: (reason: unknown) => void, onError: (error: unknown) => void): () => void {
  const proc = (globalThis as { process?: NodeJS.Process }).process;
  if (proc && typeof proc.on === 'function' && typeof (globalThis as { window?: unknown }).window === 'undefined' && !('WorkerGlobalScope' in globalThis)) {
    // Node: other listeners (a test runner's) would count the reader's rejection as
    // their own failure, so they step aside during the run.
    const others = proc.listeners('unhandledRejection');
    proc.removeAllListeners('unhandledRejection');
    const listener = (reason: unknown) => onRejection(reason);
    proc.on('unhandledRejection', listener);
    return () => {
      proc.off('unhandledRejection', listener);
      for (const l of others) proc.on('unhandledRejection', l);
    };
  }
  const onRejectionEvent = (event: PromiseRejectionEvent) => {
    event.preventDefault();
    onRejection(event.reason);
  };
  const onErrorEvent = (event: ErrorEvent) => {
    event.preventDefault();
    onError(event.error ?? new Error(event.message));
  };
  globalThis.addEventListener('unhandledrejection', onRejectionEvent);
  globalThis.addEventListener('error', onErrorEvent);
  return () => {
    globalThis.removeEventListener('unhandledrejection', onRejectionEvent);
    globalThis.removeEventListener('error', onErrorEvent);
  };
}
