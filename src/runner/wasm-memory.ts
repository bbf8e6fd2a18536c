/**
 * TF.js 4.22's WASM backend takes `_malloc`'s result unchecked. Once the module's memory
 * reaches its 4 GB limit, malloc returns 0 and the new tensor is written over the start
 * of the heap: that run and every later one on the kernel fail with "memory access out
 * of bounds" (checked in Chromium). This makes the failed allocation throw instead,
 * before anything is written, in words `isOutOfMemory` recognises.
 */

export interface WasmModule {
  _malloc(bytes: number): number;
  HEAPU8: Uint8Array;
}

const guarded = new WeakSet<WasmModule>();

export function guardWasmMalloc(wasm: WasmModule): void {
  if (guarded.has(wasm)) return;
  guarded.add(wasm);
  // Emscripten's `_malloc` starts as a stub that assigns the real export over itself on
  // first call; the setter takes that assignment, so the check stays in front of it.
  let malloc = wasm._malloc;
  const checked = (bytes: number) => {
    const pointer = malloc(bytes);
    if (pointer === 0 && bytes > 0) {
      throw new RangeError(
        `WebAssembly memory is full: no room for ${megabytes(bytes)} more (the WASM backend holds ${megabytes(wasm.HEAPU8.length)}, its limit is 4 GB)`,
      );
    }
    return pointer;
  };
  Object.defineProperty(wasm, '_malloc', {
    configurable: true,
    get: () => checked,
    set: (real: WasmModule['_malloc']) => (malloc = real),
  });
}

function megabytes(bytes: number): string {
  const mb = bytes / 2 ** 20;
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}
