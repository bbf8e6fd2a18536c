/**
 * Runs playground files in Node through the same transpile + execute path as the
 * browser worker, with a recording host, so tests assert on what a reader would see.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import * as course from '../../src/course/index.ts';
import { activateNodeBackend, createNodeHost, type InputAnswer } from '../../src/course/hosts/node.ts';
import { execute } from '../../src/runner/execute.ts';
import type { ModuleMap } from '../../src/runner/modules.ts';
import type { Backend, Output, Params, RunError, RunSummary } from '../../src/runner/protocol.ts';
import type { ModelStore } from '../../src/course/model-store.ts';
import { hashCode } from '../../src/lib/hash.ts';
import { seededRandom } from '../../src/course/data/shuffle.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The same specifiers the browser worker offers, bound to Node's module instances. */
export const nodeModules: ModuleMap = {
  '@tensorflow/tfjs': () => tf,
  '@tensorflow/tfjs-core': () => tf,
  course: () => course,
  '@huggingface/transformers': () => import('@huggingface/transformers'),
};

export interface RunOptions {
  params?: Params;
  backend?: Extract<Backend, 'wasm' | 'cpu'>;
  answer?: InputAnswer;
  /** Share kept values between runs, like playgrounds on one page. */
  kept?: Map<string, unknown>;
  /** Share stored models between runs, like reloads of a page in one browser. */
  modelStore?: ModelStore;
  /** Shipped code of the page's playgrounds by path (default: this file's own source, unedited). */
  originals?: Record<string, string>;
  /** Name in stack traces; default the file's path under playgrounds/. */
  filename?: string;
  /** The site folder assets are read from; default public/ (chapter 6 adds stand-in weights and photos in a temporary one). */
  assetDir?: string;
}

export interface RunOutcome {
  outputs: Output[];
  summary: RunSummary;
  error?: RunError;
  /** The text of every log output, for quick assertions. */
  logs: string[];
}

/** Runs TypeScript source as a playground. */
export async function runPlaygroundSource(source: string, options: RunOptions = {}): Promise<RunOutcome> {
  const { backend } = await activateNodeBackend(options.backend ?? 'wasm');
  const filename = options.filename ?? 'playground.ts';
  const originals = options.originals ?? { [filename]: hashCode(source) };
  if (backend !== (options.backend ?? 'wasm')) throw new Error(`harness: backend ${options.backend ?? 'wasm'} did not start (got ${backend})`);
  const host = createNodeHost({
    assetDir: options.assetDir ?? `${root}public`,
    ...(options.params && { params: options.params }),
    ...(options.answer && { answer: options.answer }),
    ...(options.kept && { kept: options.kept }),
    ...(options.modelStore && { modelStore: options.modelStore }),
    code: { path: filename, originals, edited: originals[filename] !== hashCode(source) },
  });
  const { summary, error } = await execute(source, filename, host, nodeModules);
  const logs = host.outputs.flatMap((o) => (o.kind === 'log' ? [o.text] : []));
  return error ? { outputs: host.outputs, summary, error, logs } : { outputs: host.outputs, summary, logs };
}

/** Runs `playgrounds/<path>`, e.g. `runPlaygroundFile('examples/tensor-print.ts')`. */
export async function runPlaygroundFile(path: string, options: RunOptions = {}): Promise<RunOutcome> {
  const source = await readFile(`${root}playgrounds/${path}`, 'utf8');
  return runPlaygroundSource(source, { filename: path, ...options });
}

/**
 * Runs `fn` with `Math.random` seeded: TF.js's `fit` shuffles with it and its initialisers
 * draw from it, so a seeded run trains the same way every time.
 */
export async function withSeededRandom<T>(seed: number, fn: () => Promise<T>): Promise<T> {
  const original = Math.random;
  Math.random = seededRandom(seed);
  try {
    return await fn();
  } finally {
    Math.random = original;
  }
}
