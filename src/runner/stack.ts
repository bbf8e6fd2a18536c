/**
 * Compiling transpiled code into an AsyncFunction and mapping the positions in its stack
 * traces back to the reader's source.
 */
import { mapColumn } from './columns.ts';

type AsyncFn = (...args: unknown[]) => Promise<unknown>;
const AsyncFunction = (async () => {}).constructor as new (...paramsAndBody: string[]) => AsyncFn;

export function compile(code: string, filename: string, params: readonly string[]): AsyncFn {
  // The sourceURL names the frames after the reader's file instead of `eval`/`anonymous`.
  return new AsyncFunction(...params, `${code}\n//# sourceURL=${filename}`);
}

const offsets = new Map<string, number>();

/**
 * How many lines the engine puts before the body of `new AsyncFunction(...)` in stack
 * positions (V8: `async function anonymous(a,b\n) {\n` is 2). Measured once per
 * parameter list rather than assumed, since engines differ.
 */
export function lineOffset(params: readonly string[]): number {
  const key = params.join(',');
  const known = offsets.get(key);
  if (known !== undefined) return known;
  const probeName = 'course-runner-line-probe.js';
  // An async function runs synchronously up to its first await, so the probe's Error
  // is in the holder as soon as the call returns.
  const holder: { error?: Error } = {};
  void compile('arguments[0].error = new Error("probe")', probeName, params)(holder);
  const position = findPosition(holder.error?.stack ?? '', probeName);
  const offset = position ? position.line - 1 : 0;
  offsets.set(key, offset);
  return offset;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function positionPattern(filename: string): RegExp {
  // Frames print the sourceURL after "(", "@" or a space, then :line:column.
  return new RegExp(`(^|[\\s(@])${escapeRegExp(filename)}:(\\d+):(\\d+)`, 'g');
}

function findPosition(stack: string, filename: string): { line: number; column: number } | undefined {
  const m = positionPattern(filename).exec(stack);
  return m ? { line: Number(m[2]), column: Number(m[3]) } : undefined;
}

export interface MappedError {
  message: string;
  line?: number;
  column?: number;
  /** The error's first line and the frames in the reader's file, in reader coordinates. */
  stack?: string;
}

export interface StackContext {
  filename: string;
  /** From `lineOffset` for the parameter list the code was compiled with. */
  offset: number;
  /** The reader's source and the transpiled code, split in lines. */
  sourceLines: readonly string[];
  codeLines: readonly string[];
}

/** Maps an error thrown by compiled reader code to the reader's lines and columns. */
export function mapError(err: unknown, ctx: StackContext): MappedError {
  if (!(err instanceof Error)) {
    return { message: `Uncaught ${describeThrown(err)}` };
  }
  const message = err.name && err.name !== 'Error' ? `${err.name}: ${err.message}` : err.message;
  const stack = err.stack ?? '';
  const toReader = (line: number, column: number) => {
    const l = line - ctx.offset;
    return { line: l, column: mapColumn(ctx.sourceLines[l - 1] ?? '', ctx.codeLines[l - 1] ?? '', column) };
  };
  let first: { line: number; column: number } | undefined;
  const frames: string[] = [];
  for (const frame of stack.split('\n')) {
    if (!findPosition(frame, ctx.filename)) continue;
    frames.push(
      frame.replace(positionPattern(ctx.filename), (_all, lead: string, l: string, c: string) => {
        const pos = toReader(Number(l), Number(c));
        first ??= pos;
        return `${lead}${ctx.filename}:${pos.line}:${pos.column}`;
      }).trim(),
    );
  }
  const mapped: MappedError = { message };
  if (first) {
    mapped.line = first.line;
    mapped.column = first.column;
  }
  if (frames.length) mapped.stack = [message, ...frames.map((f) => `    ${f}`)].join('\n');
  return mapped;
}

function describeThrown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/**
 * Where an error the engine raises while compiling (after sucrase accepted the code)
 * points, when its message says: engines give such errors no position. Covers the one
 * readers make most while editing, a name declared twice ("Identifier 'x' has already
 * been declared"): the second declaration in the reader's source.
 */
export function locateCompileError(message: string, source: string): { line: number; column: number } | undefined {
  const duplicate = /Identifier '([\w$]+)' has already been declared/.exec(message);
  if (!duplicate) return undefined;
  const declaration = new RegExp(`\\b(?:let|const|var|class|function\\*?)\\s+(${escapeRegExp(duplicate[1]!)})(?![\\w$])`, 'g');
  const lines = source.split('\n');
  const found: { line: number; column: number }[] = [];
  lines.forEach((text, i) => {
    for (const m of text.matchAll(declaration)) found.push({ line: i + 1, column: m.index + m[0].length - duplicate[1]!.length + 1 });
  });
  return found[1];
}
