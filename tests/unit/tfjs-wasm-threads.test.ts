import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { patchThreadedFactory } from '../../src/runner/tfjs-wasm-threads.ts';

const FACTORY = readFileSync('node_modules/@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js', 'utf8');

describe('TF.js threaded WASM factory for minified bundles', () => {
  it('leaves the factory that threads receive as text free of the closure variable it read', () => {
    const out = patchThreadedFactory(FACTORY);
    const inner = out.slice(out.indexOf('function(WasmBackendModuleThreadedSimd)'));
    expect(inner).not.toContain('_scriptDir');
    expect(inner).toContain('Module["mainScriptUrlOrBlob"]');
  });

  it('reports twice the browser\'s cores, so the thread pool TF.js caps at half of them can use them all', () => {
    const out = patchThreadedFactory(FACTORY);
    const cores = /function _emscripten_num_logical_cores\(\)\{[^}]*\}/.exec(out)![0];
    const count = new Function('navigator', 'ENVIRONMENT_IS_NODE', `${cores}; return _emscripten_num_logical_cores();`);
    expect(count({ hardwareConcurrency: 8 }, false)).toBe(16);
  });

  it('changes nothing else', () => {
    const removed = 'if(typeof _scriptDir !== "undefined" && _scriptDir){scriptDirectory=_scriptDir}'.length + '||_scriptDir'.length - '*2'.length;
    expect(FACTORY.length - patchThreadedFactory(FACTORY).length).toBe(removed);
  });

  it('fails the build loudly when a TF.js release changes the factory', () => {
    expect(() => patchThreadedFactory('var x = 1;')).toThrow('no longer contains');
  });
});
