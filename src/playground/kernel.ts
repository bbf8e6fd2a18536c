/**
 * The page's kernel client: ONE module worker shared by every playground on the page and
 * reused between runs (TF.js, its backend and loaded models stay warm, like a notebook
 * kernel). Runs are serialised: a run started while another is going waits its turn.
 * Stop terminates the worker at once - the only way to end `while (true) {}` - and the
 * next run silently starts a fresh one. A crash is reported in words and also restarts,
 * and so does running out of memory: what the failed run allocated stays allocated and
 * out of reach (a WASM heap never shrinks), so the next run would fail the same way.
 */
import type {
  Backend,
  FromWorker,
  InputRequest,
  InputValue,
  Output,
  RunError,
  RunSummary,
  ToWorker,
} from '../runner/protocol.ts';
import { isFromWorker } from '../runner/protocol.ts';
import { isOutOfMemory } from '../runner/out-of-memory.ts';
import { OUT_OF_MEMORY_TEXT } from './output/format.ts';

/** What the kernel needs of a Worker; unit tests pass a fake. */
export interface WorkerLike {
  postMessage(message: ToWorker, transfer?: Transferable[]): void;
  terminate(): void;
  addEventListener(type: 'message' | 'messageerror' | 'error', listener: (event: Event) => void): void;
}

/** What a playground asks the kernel to run: the protocol's run message, less its envelope. */
export type RunRequest = Omit<Extract<ToWorker, { type: 'run' }>, 'type' | 'runId'>;

export interface RunHandlers {
  /** The run left the queue and was sent to the worker. */
  onStart?(): void;
  onBackend?(backend: Backend, fallbacks: { backend: Backend; reason: string }[]): void;
  onOutput(output: Output): void;
  /** Answers a request for reader input; `signal` aborts when the run ends first. */
  onInputRequest(request: InputRequest, signal: AbortSignal): Promise<InputValue | null>;
}

export type RunEnd =
  | { status: 'done'; summary: RunSummary }
  | { status: 'error'; error: RunError }
  | { status: 'stopped' }
  | { status: 'crashed'; message: string };

export interface RunHandle {
  runId: number;
  done: Promise<RunEnd>;
  stop(): void;
}

export const CRASH_MESSAGE = 'The kernel crashed (out of memory or lost GPU device?) - it has been restarted';

interface PendingRun {
  runId: number;
  request: RunRequest;
  handlers: RunHandlers;
  abort: AbortController;
  finish(end: RunEnd): void;
}

export class Kernel {
  private worker: WorkerLike | undefined;
  private ready: Promise<WorkerLike> | undefined;
  private active: PendingRun | undefined;
  private readonly queue: PendingRun[] = [];
  private nextRunId = 1;
  /** How many workers were created: a restart shows as a new generation. */
  generation = 0;

  constructor(private readonly createWorker: () => WorkerLike) {}

  get busy(): boolean {
    return this.active !== undefined;
  }

  run(request: RunRequest, handlers: RunHandlers): RunHandle {
    const runId = this.nextRunId++;
    let resolve!: (end: RunEnd) => void;
    const done = new Promise<RunEnd>((r) => (resolve = r));
    const pending: PendingRun = {
      runId,
      request,
      handlers,
      abort: new AbortController(),
      finish: (end) => {
        pending.abort.abort();
        resolve(end);
      },
    };
    this.queue.push(pending);
    this.pump();
    return { runId, done, stop: () => this.stop(runId) };
  }

  /** Stops run `runId` (queued or running); a running one takes the worker down with it. */
  stop(runId: number): void {
    const queued = this.queue.findIndex((r) => r.runId === runId);
    if (queued >= 0) {
      this.queue.splice(queued, 1)[0]!.finish({ status: 'stopped' });
      return;
    }
    if (this.active?.runId !== runId) return;
    this.discardWorker();
    this.end({ status: 'stopped' });
  }

  /** Terminates the worker (page unload, tests). */
  dispose(): void {
    for (const run of this.queue.splice(0)) run.finish({ status: 'stopped' });
    if (this.active) this.end({ status: 'stopped' });
    this.discardWorker();
  }

  private pump(): void {
    if (this.active || this.queue.length === 0) return;
    const run = this.queue.shift()!;
    this.active = run;
    this.ensureWorker().then(
      (worker) => {
        if (this.active !== run) return;
        run.handlers.onStart?.();
        worker.postMessage({ type: 'run', runId: run.runId, ...run.request });
      },
      (reason: unknown) => {
        if (this.active !== run) return;
        this.end({ status: 'crashed', message: `The kernel could not start: ${describe(reason)}` });
      },
    );
  }

  private end(end: RunEnd): void {
    const run = this.active;
    this.active = undefined;
    run?.finish(end);
    this.pump();
  }

  private ensureWorker(): Promise<WorkerLike> {
    if (this.ready) return this.ready;
    const worker = this.createWorker();
    this.worker = worker;
    this.generation++;
    this.ready = new Promise<WorkerLike>((resolve, reject) => {
      let started = false;
      worker.addEventListener('message', (event) => {
        const data = (event as MessageEvent).data;
        if (!isFromWorker(data) || this.worker !== worker) return;
        if (data.type === 'ready') {
          started = true;
          resolve(worker);
        } else {
          this.onMessage(data);
        }
      });
      const fail = (event: Event) => {
        if (this.worker !== worker) return;
        // The page console already shows the worker's uncaught error; the run reports it in words.
        event.preventDefault();
        const message = (event as Partial<ErrorEvent>).message;
        const detail = message || (event.type === 'messageerror' ? 'a message could not be read' : 'the worker stopped');
        if (started) {
          this.crash(detail);
        } else {
          this.discardWorker();
          reject(new Error(detail));
        }
      };
      worker.addEventListener('error', fail);
      worker.addEventListener('messageerror', fail);
    });
    // A rejection is handled by whichever run awaits it; don't report it twice.
    this.ready.catch(() => undefined);
    return this.ready;
  }

  private onMessage(message: Exclude<FromWorker, { type: 'ready' }>): void {
    const run = this.active;
    if (!run || message.runId !== run.runId) return;
    switch (message.type) {
      case 'backend':
        run.handlers.onBackend?.(message.backend, message.fallbacks);
        break;
      case 'output':
        run.handlers.onOutput(message.output);
        break;
      case 'input-request':
        void this.answer(run, message.requestId, message.request);
        break;
      case 'done':
        this.end({ status: 'done', summary: message.summary });
        break;
      case 'error':
        if (message.error.phase === 'crash') {
          this.crash(message.error.message);
          break;
        }
        // The error keeps its line and stack; its headline says the kernel restarted.
        if (message.error.phase === 'runtime' && isOutOfMemory(message.error.message)) this.discardWorker();
        this.end({ status: 'error', error: message.error });
        break;
    }
  }

  private async answer(run: PendingRun, requestId: number, request: InputRequest): Promise<void> {
    let value: InputValue | null = null;
    let error: string | undefined;
    try {
      value = await run.handlers.onInputRequest(request, run.abort.signal);
    } catch (e) {
      error = describe(e);
    }
    if (this.active !== run || !this.worker) return;
    const transfer: Transferable[] = [];
    if (value?.kind === 'pixels') transfer.push(value.pixels.data.buffer);
    if (value?.kind === 'file') transfer.push(value.bytes.buffer);
    this.worker.postMessage({ type: 'input-reply', runId: run.runId, requestId, value, ...(error ? { error } : {}) }, transfer);
  }

  private crash(detail: string): void {
    this.discardWorker();
    if (this.active) this.end({ status: 'crashed', message: `${isOutOfMemory(detail) ? OUT_OF_MEMORY_TEXT : CRASH_MESSAGE}. (${detail})` });
  }

  private discardWorker(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.ready = undefined;
  }
}

function describe(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}

let pageKernel: Kernel | undefined;

/** The page's one kernel, created on first use. */
export function getPageKernel(): Kernel {
  pageKernel ??= new Kernel(
    () => new Worker(new URL('../runner/worker.ts', import.meta.url), { type: 'module', name: 'playground-kernel' }),
  );
  return pageKernel;
}
