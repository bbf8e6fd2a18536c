/**
 * Whether an error message is an allocation failure, as each engine and backend words
 * it: V8's "Array buffer allocation failed" (the CPU backend's typed arrays), WASM
 * memory that cannot grow (wasm-memory.ts turns TF.js's unchecked malloc into one),
 * Emscripten's aborts and plain "out of memory". The page restarts the kernel on one:
 * what the failed run allocated can't be reached any more, yet stays allocated.
 */
const OUT_OF_MEMORY = [
  /array buffer allocation failed/i,
  /out of memory/i,
  /WebAssembly\.Memory\S*: (could not allocate|maximum memory size exceeded)/i,
  /WebAssembly memory is full/i,
  /Cannot enlarge memory/i,
  /Aborted\(OOM\)/i,
];

export function isOutOfMemory(message: string): boolean {
  return OUT_OF_MEMORY.some((pattern) => pattern.test(message));
}
