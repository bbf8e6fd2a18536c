// Augmentation for photos: every epoch, each training photo is rotated, cropped, maybe
// mirrored and recoloured at random, so the head never sees exactly the same picture
// twice. The catch: the frozen base must then run on every photo in every epoch, so the
// features can no longer be cached. This playground says what that costs here first.
import * as tf from '@tensorflow/tfjs';
import { backend, data, imageGrid, images, lineChart, models, notice, param, progress, recall, type Pixels } from 'course';

const TRAINING = param('training', 'auto', { choices: ['auto', 'augmented', 'cached'] });
const EPOCHS = param('epochs', 5, { min: 1, max: 30 });
const { imageSize } = await recall<{ imageSize: number }>('bo-head', { from: 'A door for Bo' });
// The un-augmented features the Bo playground computed: validation always uses them.
const cache = await recall<{ features: Map<string, Float32Array> }>('vgg16-features', { from: 'A door for Bo' });
const augmentation = { width: imageSize, height: imageSize, ...images.PHOTO_AUGMENTATION };

const photos = await data.photos('presidential_doggy_door');
const train = photos.filter((p) => p.split === 'train');
const valid = photos.filter((p) => p.split === 'valid');

// Photos a little larger than the model's input, so that the random crop has room
// (torchvision's recipe crops from the whole photo).
const sourceSize = Math.round((imageSize * 8) / 7);
const source = (pixels: Pixels) => tf.tidy(() => images.toModelInput(pixels, { width: sourceSize, height: sourceSize }).squeeze([0]) as tf.Tensor3D);
const bo = source(await images.load(train.find((p) => p.label === 'bo')!.path));
const versions = Array.from({ length: 8 }, () => images.augmentPhoto(bo, augmentation, Math.random));
imageGrid([bo, ...versions], { labels: ['original', ...versions.map((_, i) => `random ${i + 1}`)], columns: 9, caption: 'Rotation up to 25°, a crop of 80-100% of the area, a flip half the time, brightness, contrast, saturation and hue jitter of 0.2' });
tf.dispose(versions);

const { model: base } = await models.vgg16({ includeTop: false, inputShape: [imageSize, imageSize, 3] });
// The same features as the Bo playground's: the frozen base's output averaged per map.
const features = (batch: tf.Tensor4D) => tf.tidy(() => tf.mean(base.predict(images.vgg16Preprocess(batch)) as tf.Tensor4D, [1, 2]) as tf.Tensor2D);

// What one epoch costs: time VGG16 on one photo (after a first, warm-up pass).
const probe = tf.tidy(() => tf.expandDims(images.augmentPhoto(bo, augmentation, Math.random), 0) as tf.Tensor4D);
const warmUp = features(probe);
await warmUp.data();
const t0 = performance.now();
const timed = features(probe);
await timed.data();
const secondsPerPhoto = (performance.now() - t0) / 1000;
tf.dispose([bo, probe, warmUp, timed]);
const epochSeconds = secondsPerPhoto * train.length;
console.log(`VGG16 takes ${secondsPerPhoto.toFixed(2)} s per ${imageSize}x${imageSize} photo on ${backend()}: augmented training needs ${(epochSeconds / 60).toFixed(1)} min per epoch, ${((epochSeconds * EPOCHS) / 60).toFixed(1)} min for ${EPOCHS} epochs.`);
const augmented = TRAINING === 'augmented' || (TRAINING === 'auto' && backend() !== 'cpu' && backend() !== 'wasm');
if (!augmented) {
  notice('info', `Training on the cached, un-augmented features instead (training: ${TRAINING}${TRAINING === 'auto' ? `, on ${backend()}` : ''}). Set training to "augmented" to pay for the real thing.`);
}

const cached = (list: data.Photo[]) => tf.tensor2d(list.flatMap((p) => [...cache.features.get(`${p.path} ${imageSize}`)!]), [list.length, 512]);
const isBo = (list: data.Photo[]) => tf.tensor2d(list.map((p) => (p.label === 'bo' ? 1 : 0)), [list.length, 1]);
const [validX, trainY, validY] = [cached(valid), isBo(train), isBo(valid)];

// Augmented training decodes each training photo once; what changes per epoch is its random version.
const sources: tf.Tensor3D[] = [];
if (augmented) {
  const bar = progress('decoding the training photos', train.length);
  for (const [i, photo] of train.entries()) {
    sources.push(source(await images.load(photo.path)));
    bar.update(i + 1);
  }
  bar.done();
}
async function augmentedFeatures(label: string): Promise<tf.Tensor2D> {
  const step = progress(label, sources.length);
  const rows: tf.Tensor2D[] = [];
  for (const [i, img] of sources.entries()) {
    rows.push(tf.tidy(() => features(tf.expandDims(images.augmentPhoto(img, augmentation, Math.random), 0) as tf.Tensor4D)));
    step.update(i + 1);
  }
  step.done();
  const out = tf.concat(rows) as tf.Tensor2D;
  tf.dispose(rows);
  return out;
}

const featureIn = tf.input({ shape: [512] });
const head = tf.model({ inputs: featureIn, outputs: tf.layers.dense({ units: 1 }).apply(featureIn) as tf.SymbolicTensor });
function accuracy(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return tf.metrics.binaryAccuracy(yTrue, tf.sigmoid(yPred));
}
head.compile({ optimizer: tf.train.adam(0.001), loss: (t: tf.Tensor, p: tf.Tensor) => tf.losses.sigmoidCrossEntropy(t, p), metrics: [accuracy] });

const chart = lineChart({ title: `Validation accuracy, ${augmented ? 'augmented' : 'cached'} training`, series: ['validation accuracy'], xLabel: 'epoch', compareRuns: true });
const cachedTrainX = augmented ? undefined : cached(train);
let validationAccuracy = 0;
for (let epoch = 1; epoch <= EPOCHS; epoch++) {
  const trainX = cachedTrainX ?? (await augmentedFeatures(`epoch ${epoch}/${EPOCHS}: fresh random versions through VGG16`));
  const h = await head.fit(trainX, trainY, { epochs: 1, batchSize: 32, shuffle: true, validationData: [validX, validY] });
  validationAccuracy = h.history.val_accuracy![0] as number;
  chart.push(0, epoch, validationAccuracy);
  if (trainX !== cachedTrainX) trainX.dispose();
}
console.log(`Validation accuracy after ${EPOCHS} ${augmented ? 'augmented' : 'cached'} epochs: ${validationAccuracy.toFixed(3)}.`);
tf.dispose([...sources, trainY, validY, validX, ...(cachedTrainX ? [cachedTrainX] : [])]);
head.optimizer.dispose(); // Adam's moment estimates
head.dispose();
base.dispose();
