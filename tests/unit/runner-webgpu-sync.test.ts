import { describe, expect, it } from 'vitest';
import { guardSyncReads } from '../../src/runner/webgpu-sync.ts';

describe('guardSyncReads', () => {
  it('keeps reads of CPU-side data and refuses reads of GPU data with a clear message', () => {
    const onCpu = {};
    const onGpu = {};
    const backend = {
      readSync: (id: object) => (id === onCpu ? new Float32Array([1]) : new Float32Array([0])),
      tensorMap: new Map<object, { values?: unknown; dtype?: string }>([
        [onCpu, { values: new Float32Array([1]), dtype: 'float32' }],
        [onGpu, { dtype: 'float32' }],
      ]),
    };
    guardSyncReads(backend, 'swiftshader');
    expect(backend.readSync(onCpu)).toEqual(new Float32Array([1]));
    expect(() => backend.readSync(onGpu)).toThrow(
      'dataSync()/arraySync() cannot read from WebGPU on this software adapter (swiftshader): use `await tensor.data()`',
    );
  });
});
