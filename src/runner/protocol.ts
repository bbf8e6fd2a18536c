/**
 * The message protocol between a page (the playground island) and its kernel worker.
 * One definition, imported by both sides; `course` outputs are part of it because
 * every `course` call in playground code becomes one `output` message.
 */

export type Backend = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type BackendChoice = Backend | 'auto';
export const BACKENDS: readonly Backend[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export type ParamValue = number | string | boolean;
export type Params = Record<string, ParamValue>;

export type LogLevel = 'log' | 'info' | 'warn' | 'error';

/** RGBA pixels, row-major, `width * height * 4` bytes. */
export interface Pixels {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export interface ImageItem extends Pixels {
  label?: string;
  /** Draws the label in the error colour (e.g. a wrong prediction). */
  highlight?: boolean;
}

export interface ChartSpec {
  kind: 'line' | 'bar' | 'scatter';
  title: string;
  xLabel?: string;
  yLabel?: string;
  /** Series names, in the order `points` refers to them by index. */
  series: string[];
  /** For bar charts: category names along x. */
  categories?: string[];
  /** For scatter charts: names of series drawn as a line through their points (a fit). */
  lines?: string[];
  /** Line charts: also draw this chart's curves from earlier runs of the playground, faded. */
  compare?: boolean;
}

/** A trained model kept in the reader's browser (`keep(name, model, { persist: true })`). */
export interface StoredModelInfo {
  /** The `keep` name, e.g. `mnist-model`. */
  name: string;
  /** The playground whose run stored it, e.g. `mnist/train.ts`. */
  playground: string;
  /** When it was stored (ms since the epoch). */
  savedAt: number;
  /** Hash of the shipped code of that playground when the model was trained. */
  originalHash: string;
  /** The reader had edited the code that trained it. */
  edited: boolean;
  /** Topology plus weights, as stored. */
  bytes: number;
}

/**
 * One shape of a drawing (`course.drawing`), in the drawing's own pixel coordinates
 * (origin top left). Colours are CSS colours, or a custom property of the page's theme
 * such as `--chart-1`.
 */
export type Shape =
  | { type: 'rect'; x: number; y: number; width: number; height: number; fill?: string; stroke?: string; lineWidth?: number }
  | { type: 'line'; points: [number, number][]; stroke: string; lineWidth?: number; arrow?: boolean }
  | { type: 'circle'; x: number; y: number; r: number; fill?: string; stroke?: string; lineWidth?: number }
  | { type: 'text'; x: number; y: number; text: string; fill?: string; size?: number; align?: 'left' | 'center' | 'right' };

/** One chip of a row of chips (`course.chips`): a token, with an optional note under it (its id). */
export interface Chip {
  text: string;
  note?: string;
  /** 'accent' stands out (special tokens), 'muted' recedes (word pieces). */
  tone?: 'accent' | 'muted';
}

/** What playground code shows; each `course` call produces one of these. */
export type Output =
  | { kind: 'log'; level: LogLevel; text: string }
  | { kind: 'table'; caption?: string; columns: string[]; rows: (string | number)[][] }
  | { kind: 'images'; caption?: string; columns?: number; scale?: number; items: ImageItem[] }
  | { kind: 'chart'; id: string; spec: ChartSpec }
  /** Appends points to a chart made earlier in the same run. */
  | { kind: 'chart-points'; id: string; series: number; points: [number, number][] }
  /** Replaces every series' data of a chart (scatter/line redraws, bar values). */
  | { kind: 'chart-data'; id: string; data: [number, number][][] }
  | { kind: 'progress'; id: string; label: string; value: number; total: number; unit?: 'bytes' | 'items' }
  | { kind: 'html-note'; tone: 'info' | 'warning'; text: string; command?: string }
  /** A vector drawing; a later one with the same id replaces it in place (an animation frame). */
  | { kind: 'drawing'; id: string; width: number; height: number; caption?: string; label: string; shapes: Shape[] }
  /** A row of chips that wraps, e.g. the tokens of a sentence. */
  | { kind: 'chips'; caption?: string; chips: Chip[] }
  /** A model was stored in the browser, or loaded back from it. */
  | { kind: 'stored-model'; action: 'saved' | 'loaded'; info: StoredModelInfo };

export type InputRequest =
  | { kind: 'draw'; prompt: string; width: number; height: number }
  /** `guide: 'square'` marks the middle square on the webcam preview (what a centre crop keeps). */
  | { kind: 'photo'; prompt: string; allowWebcam: boolean; guide?: 'square' }
  | { kind: 'choice'; prompt: string; choices: string[] };

export type InputValue =
  | { kind: 'pixels'; pixels: Pixels }
  | { kind: 'file'; name: string; bytes: Uint8Array }
  /** The index of the button the reader pressed. */
  | { kind: 'choice'; index: number };

export interface RunError {
  phase: 'syntax' | 'runtime' | 'crash' | 'import';
  message: string;
  /** 1-based line and column in the reader's source, when known. */
  line?: number;
  column?: number;
  /** Stack frames already mapped to the reader's lines. */
  stack?: string;
}

export interface RunSummary {
  durationMs: number;
  backend: Backend;
  tensorsBefore: number;
  tensorsAfter: number;
  /** Names the run kept for later playgrounds (`course.keep`); their tensors are meant to stay. */
  kept?: string[];
  /** Threads TF.js's WASM backend computes with (WASM runs only). */
  threads?: number;
  /** The kernel was cross-origin isolated (SharedArrayBuffer, so threaded WASM, was possible). */
  isolated?: boolean;
}

/**
 * A deployment's model source for Transformers.js (see docs/course-api.md). Relative
 * paths are resolved against the run's `assetBase`.
 */
export interface TransformersSource {
  /** Serve models from the site itself, e.g. `models/hf/` (files as in the hub repos). */
  localModelPath?: string;
  /** A hub mirror, e.g. `https://hf-mirror.example/`. */
  remoteHost?: string;
  /** Set false to never contact a remote host (local models only). */
  allowRemoteModels?: boolean;
}

/** Page -> worker. */
export type ToWorker =
  | {
      type: 'run';
      runId: number;
      source: string;
      /** Shown in stack traces, e.g. `mnist/train.ts`. */
      filename: string;
      backend: BackendChoice;
      params: Params;
      /** Absolute URL of the site root (with base), for data and model files. */
      assetBase: string;
      /** Where Transformers.js loads models from; default the Hugging Face hub. */
      transformers?: TransformersSource;
      /**
       * Hash of the shipped code of every playground on the page, by path: a model stored
       * by an older version of the playground that trained it is not used silently.
       */
      playgrounds?: Record<string, string>;
    }
  | { type: 'input-reply'; runId: number; requestId: number; value: InputValue | null; error?: string };

/** Worker -> page. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'backend'; runId: number; backend: Backend; fallbacks: { backend: Backend; reason: string }[] }
  | { type: 'output'; runId: number; output: Output }
  | { type: 'input-request'; runId: number; requestId: number; request: InputRequest }
  | { type: 'done'; runId: number; summary: RunSummary }
  | { type: 'error'; runId: number; error: RunError };

/** Narrowing helper for `message` events on either side. */
export function isFromWorker(data: unknown): data is FromWorker {
  return typeof data === 'object' && data !== null && typeof (data as { type?: unknown }).type === 'string';
}
