import { formatValue } from '../runner/format.ts';
import type { Output } from '../runner/protocol.ts';
import { send } from './outputs.ts';

type Cell = string | number;
type TableOutput = Extract<Output, { kind: 'table' }>;

/** Rows as objects, rows as arrays, or columns as an object of equal-length arrays. */
export type TableData = Record<string, unknown>[] | unknown[][] | Record<string, readonly unknown[]>;

export interface TableOptions {
  caption?: string;
  /** Column names; required names for rows given as arrays, an order/selection for objects. */
  columns?: string[];
}

function cell(value: unknown): Cell {
  if (typeof value === 'number' || typeof value === 'string') return value;
  return formatValue(value);
}

/** Builds the table message; exported for tests, playground code calls `table`. */
export function tableOutput(data: TableData, options: TableOptions = {}): TableOutput {
  let columns: string[];
  let rows: Cell[][];
  if (Array.isArray(data)) {
    if (data.every((r) => Array.isArray(r))) {
      const width = Math.max(0, ...data.map((r) => r.length));
      columns = options.columns ?? Array.from({ length: width }, (_, i) => String(i));
      rows = data.map((r) => columns.map((_, i) => cell(r[i] ?? '')));
    } else if (data.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r))) {
      const objects = data as Record<string, unknown>[];
      columns = options.columns ?? [...new Set(objects.flatMap((r) => Object.keys(r)))];
      rows = objects.map((r) => columns.map((c) => (c in r ? cell(r[c]) : '')));
    } else {
      throw new TypeError('table(): rows must be all objects or all arrays');
    }
  } else if (typeof data === 'object' && data !== null) {
    columns = options.columns ?? Object.keys(data);
    for (const c of columns) {
      if (!Array.isArray(data[c])) throw new TypeError(`table(): column "${c}" is not an array`);
    }
    const length = Math.max(0, ...columns.map((c) => data[c]!.length));
    rows = Array.from({ length }, (_, i) => columns.map((c) => cell(data[c]![i] ?? '')));
  } else {
    throw new TypeError(`table(): expected rows (an array) or columns (an object of arrays), got ${formatValue(data)}`);
  }
  return options.caption === undefined ? { kind: 'table', columns, rows } : { kind: 'table', caption: options.caption, columns, rows };
}

/**
 * Shows a table.
 *
 * @example table([{ epoch: 1, loss: 0.31 }, { epoch: 2, loss: 0.12 }])
 * @example table({ digit: [0, 1, 2], count: [980, 1135, 1032] }, { caption: 'Test set' })
 */
export function table(data: TableData, options?: TableOptions): void {
  send(tableOutput(data, options));
}
