/**
 * TF.js reads WebGPU tensors synchronously (`dataSync`, `arraySync`) by drawing them to a
 * canvas. On a software adapter (SwiftShader) in a worker that returned zeros for a
 * `matMul` and then lost the device, taking the kernel down. When the reader chose
 * WebGPU on such an adapter, synchronous reads of GPU data become a clear error at
 * their line instead.
 */

interface WebGPUBackendLike {
  readSync(dataId: object): unknown;
  /** TF.js internals: data still on the CPU (not uploaded yet) reads safely. */
  tensorMap?: { get(dataId: object): { values?: unknown; dtype?: string } | undefined };
}

export function guardSyncReads(backend: WebGPUBackendLike, renderer: string): void {
  const readSync = backend.readSync.bind(backend);
  backend.readSync = (dataId) => {
    const data = backend.tensorMap?.get(dataId);
    if (data && (data.values != null || data.dtype === 'string')) return readSync(dataId);
    throw new Error(
      `dataSync()/arraySync() cannot read from WebGPU on this software adapter (${renderer}): ` +
        'use `await tensor.data()` / `await tensor.array()`, or choose the WASM backend',
    );
  };
}
