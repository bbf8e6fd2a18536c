/**
 * An experiment, not what the site runs: re-registers TF.js's WASM `BatchMatMul` so that
 * a product with `transposeA` or `transposeB` (every matMul of a dense layer's backward
 * pass) first transposes its input with the WASM `Transpose` kernel and then takes the
 * XNNPACK path. TF.js 4.22 uses XNNPACK only for untransposed products
 * (tfjs-backend-wasm/src/cc/batch_mat_mul_impl.cc); anything else goes to
 * `slow_batch_matmul`, a scalar triple loop on one thread.
 *
 * Self-contained (it uses only its argument), so scripts/bench/mnist.ts can inject its
 * source into a page: `(${transposingMatMul})(tf)`, before or after the backend starts.
 * Returns false when there is nothing to wrap (no WASM backend registered).
 */
import type * as TF from '@tensorflow/tfjs';

export function transposingMatMul(tf: typeof TF): boolean {
  const original = tf.getKernel('BatchMatMul', 'wasm');
  const transpose = tf.getKernel('Transpose', 'wasm');
  if (!original || !transpose) return false;
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel({
    kernelName: 'BatchMatMul',
    backendName: 'wasm',
    // The WASM kernel binds its C function when the backend starts: keep that step.
    setupFunc: original.setupFunc,
    disposeFunc: original.disposeFunc,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { a, b } = inputs as { a: TF.TensorInfo; b: TF.TensorInfo };
      const { transposeA, transposeB } = attrs as unknown as { transposeA: boolean; transposeB: boolean };
      if (!transposeA && !transposeB) return original.kernelFunc({ inputs, backend, attrs });
      const flip = (x: TF.TensorInfo) => {
        const perm = x.shape.map((_, i) => i);
        [perm[perm.length - 1], perm[perm.length - 2]] = [perm[perm.length - 2]!, perm[perm.length - 1]!];
        return transpose.kernelFunc({ inputs: { x }, backend, attrs: { perm } }) as TF.TensorInfo;
      };
      const a2 = transposeA ? flip(a) : a;
      const b2 = transposeB ? flip(b) : b;
      const out = original.kernelFunc({ inputs: { a: a2, b: b2 }, backend, attrs: { ...attrs, transposeA: false, transposeB: false } });
      const data = backend as unknown as { disposeData(id: TF.DataId): void };
      if (a2 !== a) data.disposeData(a2.dataId);
      if (b2 !== b) data.disposeData(b2.dataId);
      return out;
    },
  });
  return true;
}
