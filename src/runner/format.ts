/**
 * Turns values logged by playground code into readable text, like a browser console but
 * as plain text the page can show: tensors print shape, dtype and abbreviated values,
 * objects print to a limited depth.
 */

export interface TensorLike {
  shape: number[];
  dtype: string;
  size: number;
  isDisposed?: boolean;
  dataSync(): ArrayLike<number | string> | ArrayLike<number>;
  data(): Promise<ArrayLike<number | string> | ArrayLike<number>>;
}

interface ModelLike {
  name: string;
  layers: unknown[];
  countParams(): number;
}

/** Along any axis longer than this, a tensor print shows the first and last EDGE items. */
const SUMMARIZE_AXIS = 6;
const EDGE = 3;
/** Tensors with more elements print shape and dtype only: their values would be a large download. */
const MAX_READ = 1_000_000;
const MAX_ARRAY_ITEMS = 20;
const MAX_DEPTH = 3;

export function isTensorLike(value: unknown): value is TensorLike {
  const v = value as Partial<TensorLike> | null;
  return typeof v === 'object' && v !== null && Array.isArray(v.shape) && typeof v.dtype === 'string' && typeof v.dataSync === 'function' && typeof v.data === 'function';
}

function isModelLike(value: unknown): value is ModelLike {
  const v = value as Partial<ModelLike> | null;
  return typeof v === 'object' && v !== null && Array.isArray(v.layers) && typeof v.countParams === 'function';
}

/** Tensor values read ahead of formatting (with the async `data()`), by tensor. */
export type TensorValues = ReadonlyMap<object, ArrayLike<number | string>>;

/**
 * Formats the arguments of one `console.log` call: strings as they are, the rest
 * formatted. Tensors whose values are not in `values` are read with `dataSync()`.
 */
export function formatArgs(args: readonly unknown[], values?: TensorValues): string {
  const rest = [...args];
  const parts: string[] = [];
  // Console format directives in a leading string: %s %d %i %f %o %O (and %c, dropped).
  if (typeof rest[0] === 'string' && /%[sdifoOc%]/.test(rest[0])) {
    const template = rest.shift() as string;
    parts.push(
      template.replace(/%([sdifoOc%])/g, (whole, directive: string) => {
        if (directive === '%') return '%';
        if (!rest.length) return whole;
        const v = rest.shift();
        if (directive === 'c') return '';
        if (directive === 'd' || directive === 'i') return String(Math.trunc(Number(v)));
        if (directive === 'f') return formatNumber(Number(v));
        return typeof v === 'string' && directive === 's' ? v : formatValue(v, values);
      }),
    );
  }
  for (const a of rest) parts.push(typeof a === 'string' ? a : formatValue(a, values));
  return parts.join(' ');
}

export function formatValue(value: unknown, values?: TensorValues): string {
  return format(value, 0, new Set(), values);
}

/** The tensors among `args` whose values a print shows (and so must be read). */
export function printedTensors(args: readonly unknown[]): TensorLike[] {
  return args.filter((a): a is TensorLike => isTensorLike(a) && !a.isDisposed && a.size <= MAX_READ);
}

export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return Math.abs(n) >= 1e21 ? n.toExponential(3) : String(n);
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e9)) return n.toExponential(3);
  return String(Number(n.toPrecision(4)));
}

function tensorHeader(t: TensorLike): string {
  return `Tensor ${t.dtype} [${t.shape.join(', ')}]`;
}

export function formatTensor(t: TensorLike, read?: ArrayLike<number | string>): string {
  if (t.size > MAX_READ) return `${tensorHeader(t)} (${t.size.toLocaleString('en-US')} values, not printed)`;
  // Values read before the tensor was disposed still print.
  if (!read && t.isDisposed) return `${tensorHeader(t)} (disposed)`;
  const values = read ?? t.dataSync();
  const cell = (i: number): string => {
    const v = values[i]!;
    if (typeof v === 'string') return JSON.stringify(v);
    if (t.dtype === 'bool') return v ? 'true' : 'false';
    return formatNumber(v);
  };
  if (t.shape.length === 0) return `${tensorHeader(t)} ${cell(0)}`;
  // Flat offsets of every printed element, with null where a "..." goes.
  const strides = t.shape.map((_, axis) => t.shape.slice(axis + 1).reduce((a, b) => a * b, 1));
  const shown = (axis: number): (number | null)[] => {
    const n = t.shape[axis]!;
    if (n <= SUMMARIZE_AXIS) return [...Array(n).keys()];
    return [...[...Array(EDGE).keys()], null, ...[...Array(EDGE).keys()].map((i) => n - EDGE + i)];
  };
  const texts = new Map<number, string>();
  const collect = (axis: number, offset: number): void => {
    for (const i of shown(axis)) {
      if (i === null) continue;
      const at = offset + i * strides[axis]!;
      if (axis === t.shape.length - 1) texts.set(at, cell(at));
      else collect(axis + 1, at);
    }
  };
  collect(0, 0);
  const width = Math.max(...[...texts.values()].map((s) => s.length));
  const render = (axis: number, offset: number, indent: string): string => {
    const last = axis === t.shape.length - 1;
    const parts = shown(axis).map((i) => {
      if (i === null) return '...';
      const at = offset + i * strides[axis]!;
      return last ? texts.get(at)!.padStart(width) : render(axis + 1, at, `${indent} `);
    });
    if (last) return `[${parts.join(', ')}]`;
    const gap = ','.padEnd(t.shape.length - axis, '\n');
    return `[${parts.join(`${gap}${indent} `)}]`;
  };
  if (t.size === 0) return `${tensorHeader(t)} []`;
  return `${tensorHeader(t)}\n${render(0, 0, '')}`;
}

function format(value: unknown, depth: number, seen: Set<object>, values: TensorValues | undefined): string {
  switch (typeof value) {
    case 'string':
      return depth === 0 ? value : JSON.stringify(value);
    case 'number':
      return formatNumber(value);
    case 'bigint':
      return `${value}n`;
    case 'undefined':
      return 'undefined';
    case 'boolean':
      return String(value);
    case 'symbol':
      return value.toString();
    case 'function':
      return `[Function ${value.name || '(anonymous)'}]`;
  }
  if (value === null) return 'null';
  const obj = value as object;
  if (isTensorLike(obj)) return depth === 0 ? formatTensor(obj, values?.get(obj)) : tensorHeader(obj);
  if (isModelLike(obj)) {
    return `LayersModel "${obj.name}" (${obj.layers.length} layers, ${obj.countParams().toLocaleString('en-US')} parameters)`;
  }
  if (obj instanceof Error) return depth === 0 && obj.stack ? obj.stack : `${obj.name}: ${obj.message}`;
  if (obj instanceof Date) return obj.toISOString();
  if (obj instanceof RegExp) return String(obj);
  if (seen.has(obj)) return '[Circular]';
  if (depth >= MAX_DEPTH) return Array.isArray(obj) ? `[Array(${obj.length})]` : `[${constructorName(obj) ?? 'Object'}]`;
  seen.add(obj);
  try {
    const inner = (v: unknown) => format(v, depth + 1, seen, values);
    if (ArrayBuffer.isView(obj) && !(obj instanceof DataView)) {
      const arr = obj as unknown as ArrayLike<number | bigint>;
      return `${constructorName(obj)}(${arr.length}) ${listItems(Array.from({ length: Math.min(arr.length, MAX_ARRAY_ITEMS) }, (_, i) => inner(arr[i])), arr.length)}`;
    }
    if (Array.isArray(obj)) {
      return listItems(obj.slice(0, MAX_ARRAY_ITEMS).map(inner), obj.length);
    }
    if (obj instanceof Map) {
      const entries = [...obj].slice(0, MAX_ARRAY_ITEMS).map(([k, v]) => `${inner(k)} => ${inner(v)}`);
      return `Map(${obj.size}) {${entries.length ? ` ${entries.join(', ')}${obj.size > entries.length ? ', ...' : ''} ` : ''}}`;
    }
    if (obj instanceof Set) {
      return `Set(${obj.size}) ${listItems([...obj].slice(0, MAX_ARRAY_ITEMS).map(inner), obj.size)}`;
    }
    const keys = Object.keys(obj);
    const name = constructorName(obj);
    const prefix = name && name !== 'Object' ? `${name} ` : '';
    if (!keys.length) return `${prefix}{}`;
    const fields = keys.slice(0, MAX_ARRAY_ITEMS).map((k) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${inner((obj as Record<string, unknown>)[k])}`);
    if (keys.length > fields.length) fields.push(`... ${keys.length - fields.length} more`);
    return `${prefix}{ ${fields.join(', ')} }`;
  } finally {
    seen.delete(obj);
  }
}

function listItems(items: string[], total: number): string {
  if (total > items.length) items.push(`... ${total - items.length} more`);
  return `[${items.join(', ')}]`;
}

function constructorName(obj: object): string | undefined {
  const proto = Object.getPrototypeOf(obj) as { constructor?: { name?: string } } | null;
  return proto?.constructor?.name;
}
