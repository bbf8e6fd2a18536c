/**
 * The reader's parameter controls (the page side of `course.param`): reading a control's
 * value, which values differ from the page's, and keeping changed values across reloads
 * in localStorage next to edits. Pure functions over a `KeyValueStore`, unit-tested.
 */
import type { ParamValue, Params } from '../runner/protocol.ts';
import type { KeyValueStore } from './persistence.ts';
import { paramsKey } from './storage-keys.ts';

export type ParamType = 'number' | 'string' | 'boolean';

/** A control's value as the parameter's type; undefined for a number field that holds no number. */
export function readControl(type: ParamType, raw: string, checked: boolean): ParamValue | undefined {
  if (type === 'boolean') return checked;
  if (type === 'string') return raw;
  if (raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

/** The entries of `current` that differ from the page's values: what the reader changed. */
export function changedParams(page: Params, current: Params): Params {
  const changed: Params = {};
  for (const [name, value] of Object.entries(current)) if (page[name] !== value) changed[name] = value;
  return changed;
}

/** "epochs 20, activation tanh": changed parameters in words (run labels, notices). */
export function describeParams(params: Params): string {
  return Object.entries(params)
    .map(([name, value]) => `${name} ${String(value)}`)
    .join(', ');
}

/** Only values whose name and type a control still has: a new release may drop or retype a parameter. */
export function applicableParams(stored: Params, types: Record<string, ParamType>): Params {
  const ok: Params = {};
  for (const [name, value] of Object.entries(stored)) if (types[name] === typeof value) ok[name] = value;
  return ok;
}

export function loadParams(store: KeyValueStore, playgroundPath: string): Params {
  try {
    const value: unknown = JSON.parse(store.getItem(paramsKey(playgroundPath)) ?? '{}');
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value).filter(([, v]) => ['number', 'string', 'boolean'].includes(typeof v))) as Params;
  } catch {
    return {}; // Corrupt or unreadable: the controls show the page's values.
  }
}

/** Stores the changed values (none removes the entry); false when the browser refuses. */
export function saveParams(store: KeyValueStore, playgroundPath: string, changed: Params): boolean {
  try {
    if (Object.keys(changed).length === 0) store.removeItem(paramsKey(playgroundPath));
    else store.setItem(paramsKey(playgroundPath), JSON.stringify(changed));
    return true;
  } catch {
    return false;
  }
}
