/**
 * TF.js 4.22's WASM backend has no kernel for the weight gradient of a 2-D convolution,
 * so training any model with a conv2d layer on WASM fails with "Kernel
 * 'Conv2DBackpropFilter' not registered for backend 'wasm'". This module registers one:
 * the CPU backend's algorithm in plain JavaScript, reading and writing the WASM heap.
 * Importing it is enough; registering twice is avoided.
 */
import * as tf from '@tensorflow/tfjs';

/** The parts of the WASM backend this kernel uses. */
interface WasmBackendLike {
  readSync(dataId: tf.DataId): ArrayLike<number>;
  makeOutput(shape: number[], dtype: 'float32', memoryOffset: undefined, values: Float32Array): tf.TensorInfo;
}

interface BackpropFilterAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

/** dW[r, c, i, o] = sum over batch and output positions of x[b, y*s + r - pad, ...] * dy[b, y, ..., o]. */
export function conv2dBackpropFilterValues(
  x: ArrayLike<number>,
  xShape: [number, number, number, number],
  dy: ArrayLike<number>,
  info: tf.backend_util.Conv2DInfo,
): Float32Array {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, strideHeight, strideWidth, filterHeight, filterWidth } = info;
  const [top, left] = [info.padInfo.top, info.padInfo.left];
  const dW = new Float32Array(filterHeight * filterWidth * inChannels * outChannels);
  const [xRow, xImage] = [inWidth * inChannels, inHeight * inWidth * inChannels];
  const [dyRow, dyImage] = [outWidth * outChannels, outHeight * outWidth * outChannels];
  if (xShape[3] !== inChannels) throw new Error('Conv2DBackpropFilter (wasm): only channels-last (NHWC) data is supported');
  for (let r = 0; r < filterHeight; r++) {
    const yMin = Math.max(0, Math.ceil((top - r) / strideHeight));
    const yMax = Math.min(outHeight, (inHeight + top - r) / strideHeight);
    for (let c = 0; c < filterWidth; c++) {
      const xMin = Math.max(0, Math.ceil((left - c) / strideWidth));
      const xMax = Math.min(outWidth, (inWidth + left - c) / strideWidth);
      for (let b = 0; b < batchSize; b++) {
        for (let y = yMin; y < yMax; y++) {
          const xR = r + y * strideHeight - top;
          for (let xo = xMin; xo < xMax; xo++) {
            const xC = c + xo * strideWidth - left;
            const xAt = b * xImage + xR * xRow + xC * inChannels;
            const dyAt = b * dyImage + y * dyRow + xo * outChannels;
            for (let i = 0; i < inChannels; i++) {
              const xv = x[xAt + i]!;
              if (xv === 0) continue; // ReLU outputs and image backgrounds are mostly zeros
              const wAt = ((r * filterWidth + c) * inChannels + i) * outChannels;
              for (let o = 0; o < outChannels; o++) dW[wAt + o]! += xv * dy[dyAt + o]!;
            }
          }
        }
      }
    }
  }
  return dW;
}

if (!tf.getKernel('Conv2DBackpropFilter', 'wasm')) {
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
      const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as BackpropFilterAttrs;
      if (dataFormat === 'NCHW') throw new Error('Conv2DBackpropFilter (wasm): only channels-last (NHWC) data is supported');
      const info = tf.backend_util.computeConv2DInfo(
        x.shape as [number, number, number, number],
        filterShape,
        strides,
        1,
        pad,
        dimRoundingMode,
        false,
        'channelsLast',
      );
      const wasm = backend as unknown as WasmBackendLike;
      const values = conv2dBackpropFilterValues(wasm.readSync(x.dataId), x.shape as [number, number, number, number], wasm.readSync(dy.dataId), info);
      return wasm.makeOutput(info.filterShape, 'float32', undefined, values);
    },
  });
}
