/**
 * A build plugin for TF.js 4.22's threaded WASM backend (the Emscripten factory in
 * `wasm-out/`), with two edits:
 *
 * 1. Threads start in a minified bundle. TF.js hands each thread the factory as source
 *    text (`Function.toString`); the factory reads `_scriptDir`, a variable of the closure
 *    around it. Unminified, a `typeof` guard makes the missing variable harmless in a
 *    thread; minified, the guard is optimised away (the minifier sees the variable in
 *    scope) and every thread dies with "e is not defined". TF.js sets the threads' script
 *    itself (`mainScriptUrlOrBlob`) and its paths through `locateFile`, so the factory
 *    never needs `_scriptDir`.
 * 2. Every core, not half. backend.cc caps the thread pool at
 *    `emscripten_num_logical_cores() / 2` ("many x86-64 processors have 2 threads per
 *    core"), whatever `setThreadsCount` asks, and no option lifts the cap. The kernel is
 *    the page's one busy thread, so the factory reports twice the cores the browser does:
 *    the cap becomes `hardwareConcurrency`, and `setThreadsCount` chooses within it.
 */
import type { Plugin } from 'vite';

const FACTORY = /[\\/]@tensorflow[\\/]tfjs-backend-wasm[\\/]wasm-out[\\/]tfjs-backend-wasm-threaded-simd\.js$/;

const EDITS: [string, string][] = [
  ['if(typeof _scriptDir !== "undefined" && _scriptDir){scriptDirectory=_scriptDir}', ''],
  ['Module["mainScriptUrlOrBlob"]||_scriptDir', 'Module["mainScriptUrlOrBlob"]'],
  ['return navigator["hardwareConcurrency"]}', 'return navigator["hardwareConcurrency"]*2}'],
];

/** The factory with the edits above; throws when a TF.js release changed what they edit. */
export function patchThreadedFactory(code: string): string {
  let out = code;
  for (const [from, to] of EDITS) {
    if (!out.includes(from)) throw new Error(`tfjs-wasm-threads: TF.js's threaded factory no longer contains ${JSON.stringify(from)}; check that threads still start`);
    out = out.split(from).join(to);
  }
  const inner = out.slice(out.indexOf('function(WasmBackendModuleThreadedSimd)'));
  if (inner.includes('_scriptDir')) throw new Error('tfjs-wasm-threads: the threaded factory still reads _scriptDir');
  return out;
}

export function tfjsWasmThreads(): Plugin {
  return {
    name: 'tfjs-wasm-threads',
    apply: 'build',
    transform(code, id) {
      return FACTORY.test(id) ? { code: patchThreadedFactory(code), map: null } : undefined;
    },
  };
}
