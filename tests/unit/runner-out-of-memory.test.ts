import { describe, expect, it } from 'vitest';
import { errorHeadline, OUT_OF_MEMORY_TEXT } from '../../src/playground/output/format.ts';
import { isOutOfMemory } from '../../src/runner/out-of-memory.ts';
import { guardWasmMalloc } from '../../src/runner/wasm-memory.ts';

describe('out of memory', () => {
  it('is recognised as each engine and backend words it', () => {
    for (const message of [
      'RangeError: Array buffer allocation failed',
      'Uncaught RangeError: Array buffer allocation failed',
      'RangeError: WebAssembly.Memory.grow(): Maximum memory size exceeded',
      'RangeError: WebAssembly.Memory(): could not allocate memory',
      'RangeError: WebAssembly memory is full: no room for 256 MB more',
      'Aborted(Cannot enlarge memory arrays to size 4294967296 bytes)',
      'Out of memory',
    ]) {
      expect(isOutOfMemory(message), message).toBe(true);
    }
    for (const message of ['RangeError: Invalid array length', 'RuntimeError: memory access out of bounds', 'x is not defined']) {
      expect(isOutOfMemory(message), message).toBe(false);
    }
  });

  it('reads in plain words at the line where the allocation failed', () => {
    expect(errorHeadline({ phase: 'runtime', message: 'RangeError: Array buffer allocation failed', line: 7, column: 13 })).toBe(
      `Line 7, column 13: ${OUT_OF_MEMORY_TEXT}. (RangeError: Array buffer allocation failed)`,
    );
    expect(OUT_OF_MEMORY_TEXT).toMatch(/^The kernel ran out of memory and has been restarted/);
  });

  it('makes a full WASM heap throw instead of handing TF.js address 0', () => {
    const real = (bytes: number) => (bytes <= 16 ? 8 : 0);
    const wasm = {
      HEAPU8: new Uint8Array(64),
      // As Emscripten does: a stub that puts the real export in its place on first call.
      _malloc(bytes: number): number {
        wasm._malloc = real;
        return real(bytes);
      },
    };
    guardWasmMalloc(wasm);
    guardWasmMalloc(wasm);
    expect(wasm._malloc(16)).toBe(8);
    expect(wasm._malloc).not.toBe(real);
    expect(() => wasm._malloc(256 * 2 ** 20)).toThrow(
      new RangeError('WebAssembly memory is full: no room for 256 MB more (the WASM backend holds 0.0 MB, its limit is 4 GB)'),
    );
    expect(isOutOfMemory('RangeError: WebAssembly memory is full: no room for 256 MB more')).toBe(true);
  });
});
