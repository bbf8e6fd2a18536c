// Fine-tuning: unfreeze the top of VGG16 (or all of it) and train on with a very small
// learning rate, starting from the head the previous playground trained. Validation
// accuracy before (frozen) and after (fine-tuned) goes on one chart.
import * as tf from '@tensorflow/tfjs';
import { data, fitCallbacks, images, lineChart, models, param, progress, recall, table } from 'course';

const UNFREEZE = param('unfreeze', 'block5', { choices: ['block5', 'all'] });
// One epoch by default: on a CPU backend each one takes many minutes (the chapter has the times).
const EPOCHS = param('epochs', 1, { min: 1, max: 20 });
const LEARNING_RATE = param('learningRate', 0.000001, { label: 'learning rate' });

const { head, imageSize, valAccuracy } = await recall<{ head: tf.LayersModel; imageSize: number; valAccuracy: number[] }>('bo-head', { from: 'A door for Bo' });
const photos = await data.photos('presidential_doggy_door');
const train = photos.filter((p) => p.split === 'train');
const valid = photos.filter((p) => p.split === 'valid');

// A fresh copy of the pretrained base: fine-tuning changes its weights, and the
// playgrounds above load their own, untouched copies.
const { model: base } = await models.vgg16({ includeTop: false, inputShape: [imageSize, imageSize, 3] });

// Everything below the first unfrozen layer stays frozen, so its output for a photo never
// changes: compute it once (block4_pool's 512 maps), and train only what comes after.
const tunable = base.layers.filter((l) => l.getClassName() !== 'InputLayer' && (UNFREEZE === 'all' || l.name.startsWith('block5')));
const frozenPart = UNFREEZE === 'all' ? undefined : tf.model({ inputs: base.inputs, outputs: base.getLayer('block4_pool').output });
const spec = { ...images.VGG16_INPUT, width: imageSize, height: imageSize };
async function inputsFor(list: data.Photo[], label: string): Promise<tf.Tensor4D> {
  const bar = progress(label, list.length);
  const rows: tf.Tensor4D[] = [];
  for (const [i, photo] of list.entries()) {
    const x = images.toModelInput(await images.load(photo.path), spec);
    rows.push(frozenPart ? tf.tidy(() => frozenPart.predict(x) as tf.Tensor4D) : x);
    if (frozenPart) x.dispose();
    bar.update(i + 1);
  }
  bar.done();
  const batch = tf.concat(rows);
  tf.dispose(rows);
  return batch;
}
const what = frozenPart ? 'blocks 1-4 (frozen)' : 'preprocessing';
const trainX = await inputsFor(train, `training photos through ${what}`);
const validX = await inputsFor(valid, `validation photos through ${what}`);
const labels = (list: data.Photo[]) => tf.tensor2d(list.map((p) => (p.label === 'bo' ? 1 : 0)), [list.length, 1]);
const [trainY, validY] = [labels(train), labels(valid)];

// The trainable model: the unfrozen layers (the same layer objects as in `base`), the
// pooling, and a dense layer starting from the trained head's weights.
const tuneIn = tf.input({ shape: trainX.shape.slice(1) });
let y = tuneIn as tf.SymbolicTensor;
for (const layer of tunable) y = layer.apply(y) as tf.SymbolicTensor;
const dense = tf.layers.dense({ units: 1, name: 'bo_logit' });
y = dense.apply(tf.layers.globalAveragePooling2d({}).apply(y)) as tf.SymbolicTensor;
const tuned = tf.model({ inputs: tuneIn, outputs: y });
dense.setWeights(head.getLayer('bo_logit').getWeights());
for (const layer of tunable) layer.trainable = true;

function accuracy(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return tf.metrics.binaryAccuracy(yTrue, tf.sigmoid(yPred));
}
// A small step: the pretrained filters are already good, and 139 photos are too few to
// move millions of weights far without fitting them to these photos.
tuned.compile({ optimizer: tf.train.adam(LEARNING_RATE), loss: (t: tf.Tensor, p: tf.Tensor) => tf.losses.sigmoidCrossEntropy(t, p), metrics: [accuracy] });
const [startLoss, startAcc] = tuned.evaluate(validX, validY) as tf.Scalar[];
const before = await Promise.all(base.getWeights().map((w) => w.data()));
const history = await tuned.fit(trainX, trainY, {
  epochs: EPOCHS,
  batchSize: UNFREEZE === 'all' ? 8 : 32,
  shuffle: true,
  validationData: [validX, validY],
  callbacks: fitCallbacks({ title: `Fine-tuning ${UNFREEZE === 'all' ? 'all of VGG16' : 'block 5'}` }),
});

// One chart: the frozen epochs of the previous playground, then fine-tuning.
const tunedAcc = history.history.val_accuracy as number[];
const chart = lineChart({ title: 'Validation accuracy: frozen base, then fine-tuning', series: ['frozen base (head only)', 'fine-tuning'], xLabel: 'epoch', yLabel: 'accuracy' });
valAccuracy.forEach((acc, e) => chart.push(0, e + 1, acc));
chart.push(1, valAccuracy.length, (await startAcc!.data())[0]!);
tunedAcc.forEach((acc, e) => chart.push(1, valAccuracy.length + e + 1, acc));

// How far each block's weights moved. Frozen blocks must not move at all.
const after = base.getWeights();
const rows = new Map<string, { weights: number; largest: number; changed: number }>();
for (const [i, w] of base.weights.entries()) {
  const block = w.originalName.split('_')[0]!;
  const now = await after[i]!.data();
  const row = rows.get(block) ?? { weights: 0, largest: 0, changed: 0 };
  for (let j = 0; j < now.length; j++) {
    const d = Math.abs(now[j]! - before[i]![j]!);
    if (d > row.largest) row.largest = d;
    if (d > 0) row.changed++;
  }
  rows.set(block, { ...row, weights: row.weights + now.length });
}
table(
  [...rows].map(([block, r]) => ({ block, trainable: tunable.some((l) => l.name.startsWith(block)) ? 'yes' : 'no', weights: r.weights, changed: r.changed, 'largest change': r.largest.toExponential(2) })),
  { caption: `Weight changes after ${EPOCHS} epoch${EPOCHS === 1 ? '' : 's'} at learning rate ${LEARNING_RATE}` },
);
console.log(`Validation accuracy: ${valAccuracy.at(-1)!.toFixed(3)} with the frozen base, ${tunedAcc.at(-1)!.toFixed(3)} after fine-tuning ${UNFREEZE}.`);
tf.dispose([trainX, validX, trainY, validY, startLoss!, startAcc!]);
// The fine-tuned model shares its layers with `base` (frozenPart too): free it first.
tuned.optimizer.dispose(); // Adam's moment estimates
tuned.dispose();
base.dispose();
