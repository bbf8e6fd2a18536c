// Convolution speed on this backend: VGG16-sized 3x3 convolutions (GFLOP/s) and one
// forward pass of the VGG16 architecture with random weights (seconds per 224x224 image).
// The workload of `npm run bench -- conv` (scripts/bench/conv.ts), which reads the
// `conv-bench` line; the kernel's summary says how many WASM threads ran it.
import * as tf from '@tensorflow/tfjs';
import { log, models, param, table } from 'course';

// Each timed rep repeats the op until this many milliseconds have passed.
const MIN_MS = param('minMs', 1000, { label: 'ms per rep', min: 50 });
const REPS = param('reps', 3, { min: 1, max: 20 });
const VGG_REPS = param('vggReps', 3, { label: 'VGG16 passes', min: 0, max: 20 });

// [batch, height, width, in channels, out channels]: 128->128 on 4x56x56, and the 3x3
// layers of VGG16's blocks 1, 3 and 4 at their real sizes (block1_conv2, block3_conv2,
// block4_conv2). Each is 3.7 GFLOP per call at 2 FLOPs per multiply-add.
const SHAPES: [number, number, number, number, number][] = [
  [4, 56, 56, 128, 128],
  [1, 224, 224, 64, 64],
  [1, 56, 56, 256, 256],
  [1, 28, 28, 512, 512],
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Seconds per call of `op`: one warm-up call, then REPS reps of at least MIN_MS each. */
async function time(op: () => tf.Tensor, reps: number, minMs: number): Promise<number[]> {
  const once = async () => {
    const out = op();
    await out.data(); // waits for the result on every backend (WASM is synchronous anyway)
    out.dispose();
  };
  await once();
  const perCall: number[] = [];
  for (let r = 0; r < reps; r++) {
    let calls = 0;
    const started = performance.now();
    do {
      await once();
      calls++;
    } while (performance.now() - started < minMs);
    perCall.push((performance.now() - started) / 1000 / calls);
  }
  return perCall;
}

const layers = [];
for (const [n, h, w, cin, cout] of SHAPES) {
  const x = tf.randomUniform([n, h, w, cin], -1, 1, 'float32', 1) as tf.Tensor4D;
  const filter = tf.randomUniform([3, 3, cin, cout], -0.05, 0.05, 'float32', 2) as tf.Tensor4D;
  const flops = 2 * n * h * w * cin * cout * 9;
  const seconds = await time(() => tf.conv2d(x, filter, 1, 'same'), REPS, MIN_MS);
  layers.push({
    shape: `${cin}->${cout} on ${n}x${h}x${w}`,
    gflop: flops / 1e9,
    medianGflops: flops / 1e9 / median(seconds),
    bestGflops: flops / 1e9 / Math.min(...seconds),
  });
  tf.dispose([x, filter]);
}

// The architecture of course.models.vgg16 (13 conv layers, 5 max-pools), without the
// three dense layers (1% of the work), on one 224x224x3 image.
let vgg: { medianSeconds: number; bestSeconds: number; gflop: number } | undefined;
if (VGG_REPS > 0) {
  const model = models.buildVgg16({ includeTop: false });
  const image = tf.randomUniform([1, 224, 224, 3], 0, 255, 'float32', 3);
  // Each conv layer: 2 * H * W * Cin * Cout * 9 (FLOPs at 2 per multiply-add).
  const gflop = model.layers
    .filter((l) => l.getClassName() === 'Conv2D')
    .reduce((sum, l) => {
      const [, h, w, cout] = l.outputShape as number[];
      const cin = (l.getWeights()[0]!.shape as number[])[2]!;
      return sum + (2 * h! * w! * cin * cout! * 9) / 1e9;
    }, 0);
  const seconds = await time(() => model.predict(image) as tf.Tensor, VGG_REPS, 0);
  vgg = { medianSeconds: median(seconds), bestSeconds: Math.min(...seconds), gflop };
  image.dispose();
  model.dispose();
}

table(
  layers.map((l) => ({ convolution: l.shape, GFLOP: l.gflop, 'GFLOP/s (median)': l.medianGflops, 'GFLOP/s (best)': l.bestGflops })),
  { caption: `3x3 convolutions on ${tf.getBackend()}, ${REPS} reps of at least ${MIN_MS} ms` },
);
if (vgg) log(`VGG16 forward pass (random weights, no dense top, ${vgg.gflop.toFixed(1)} GFLOP): ${vgg.medianSeconds.toFixed(2)} s per 224x224 image (median of ${VGG_REPS}) on ${tf.getBackend()}`);
log(`conv-bench ${JSON.stringify({ backend: tf.getBackend(), isolated: globalThis.crossOriginIsolated === true, layers, vgg })}`);
