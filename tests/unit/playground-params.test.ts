import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { paramSpecs } from '../../src/playground/param-specs.ts';
import { applicableParams, changedParams, describeParams, loadParams, readControl, saveParams } from '../../src/playground/params.ts';
import { decodeShare, encodeShare } from '../../src/playground/share.ts';
import { paramsKey } from '../../src/playground/storage-keys.ts';
import type { KeyValueStore } from '../../src/playground/persistence.ts';

function memoryStore(): KeyValueStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

describe('param specs read from the source at build time', () => {
  it('finds every literal param call with its options, in order, with its line', () => {
    const source = [
      "import { param } from 'course';",
      "const EPOCHS = param('epochs', 5, { min: 1, max: 20 });",
      "const LR = param('lr', 0.001, { label: 'learning rate', step: 0.0001 });",
      "const ACT = param('activation', 'relu', { choices: ['relu', 'sigmoid', 'tanh'] });",
      "const SHIFT = param('shift', -2);",
      "const FLAG = param('augment', false);",
      'const computed = param(`n${1}`, 3);',
    ].join('\n');
    expect(paramSpecs(source, 'x.ts')).toEqual([
      { name: 'epochs', default: 5, min: 1, max: 20, line: 2 },
      { name: 'lr', default: 0.001, label: 'learning rate', step: 0.0001, line: 3 },
      { name: 'activation', default: 'relu', choices: ['relu', 'sigmoid', 'tanh'], line: 4 },
      { name: 'shift', default: -2, line: 5 },
      { name: 'augment', default: false, line: 6 },
    ]);
  });

  it('names the file and line when options cannot be shown as written', () => {
    expect(() => paramSpecs("param('a', 1, { max: LIMIT });", 'p/a.ts')).toThrow('p/a.ts:1: param max must be a number literal');
    expect(() => paramSpecs("param('a', 1, { colour: 'red' });", 'p/a.ts')).toThrow('unknown param option "colour"');
    expect(() => paramSpecs("param('a', 1, OPTIONS);", 'p/a.ts')).toThrow('param options must be an object literal');
    expect(() => paramSpecs("param('a', 1);\nparam('a', 2);", 'p/a.ts')).toThrow('p/a.ts:2: param "a" is declared twice');
  });

  it('every playground of the course declares params the page can show', () => {
    const files = readdirSync('playgrounds', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) expect(() => paramSpecs(readFileSync(`playgrounds/${file}`, 'utf8'), file)).not.toThrow();
  });
});

describe('parameter controls', () => {
  it('reads a control as its parameter type', () => {
    expect(readControl('number', '20', false)).toBe(20);
    expect(readControl('number', '0.5', false)).toBe(0.5);
    expect(readControl('number', '', false)).toBeUndefined();
    expect(readControl('number', 'abc', false)).toBeUndefined();
    expect(readControl('string', 'tanh', false)).toBe('tanh');
    expect(readControl('boolean', 'on', true)).toBe(true);
  });

  it('knows what the reader changed, and says it in words', () => {
    const changed = changedParams({ epochs: 3, activation: 'relu' }, { epochs: 20, activation: 'relu' });
    expect(changed).toEqual({ epochs: 20 });
    expect(describeParams({ epochs: 20, activation: 'tanh' })).toBe('epochs 20, activation tanh');
  });

  it('keeps changed values across reloads, removes the entry when nothing differs, and survives corrupt entries', () => {
    const store = memoryStore();
    expect(saveParams(store, 'a.ts', { epochs: 20 })).toBe(true);
    expect(loadParams(store, 'a.ts')).toEqual({ epochs: 20 });
    saveParams(store, 'a.ts', {});
    expect(store.map.has(paramsKey('a.ts'))).toBe(false);
    store.map.set(paramsKey('a.ts'), '{oops');
    expect(loadParams(store, 'a.ts')).toEqual({});
    store.map.set(paramsKey('a.ts'), JSON.stringify({ epochs: 2, nested: { x: 1 } }));
    expect(loadParams(store, 'a.ts')).toEqual({ epochs: 2 });
    const refusing: KeyValueStore = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); }, removeItem: () => undefined };
    expect(saveParams(refusing, 'a.ts', { epochs: 1 })).toBe(false);
  });

  it('drops stored values a new release no longer has, or has with another type', () => {
    expect(applicableParams({ epochs: 20, gone: 1, activation: 3 }, { epochs: 'number', activation: 'string' })).toEqual({ epochs: 20 });
  });

  it('share links carry changed params, and links without them still open', () => {
    const withParams = decodeShare(encodeShare({ id: 'a.ts', code: 'x', params: { epochs: 20, activation: 'tanh' } }));
    expect(withParams).toEqual({ id: 'a.ts', code: 'x', params: { epochs: 20, activation: 'tanh' } });
    expect(decodeShare(encodeShare({ id: 'a.ts', code: 'x', params: {} }))).toEqual({ id: 'a.ts', code: 'x' });
    expect(decodeShare(`${encodeShare({ id: 'a.ts', code: 'x' })}:%%%`)).toBeUndefined();
  });
});
