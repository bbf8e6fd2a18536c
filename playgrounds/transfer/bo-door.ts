// A door for one dog: Bo, or not Bo? VGG16 without its top, frozen, turns each photo
// into 512 numbers; a new head of 513 weights learns from 139 photos which numbers
// mean Bo. The frozen part's output never changes, so each photo goes through VGG16
// once: the kernel keeps the features, and a second run computes none of them.
import * as tf from '@tensorflow/tfjs';
import { backend, data, fitCallbacks, imageGrid, images, keep, models, param, progress, recall, table } from 'course';

const IMAGE_SIZE = param('imageSize', 224, { label: 'image size', choices: [224, 160, 112, 64, 32] });
const EPOCHS = param('epochs', 15, { min: 1, max: 50 });
const LEARNING_RATE = 0.001;

const photos = await data.photos('presidential_doggy_door');
const train = photos.filter((p) => p.split === 'train');
const valid = photos.filter((p) => p.split === 'valid');
const isBo = (p: data.Photo) => (p.label === 'bo' ? 1 : 0);
const count = (list: data.Photo[]) => `${list.length} (${list.filter(isBo).length} Bo)`;
console.log(`Photos: ${count(train)} for training, ${count(valid)} for validation.`);

// 1. The pretrained part: VGG16's 13 convolutions, without the classifier top, frozen.
const { model: base, trained } = await models.vgg16({ includeTop: false, inputShape: [IMAGE_SIZE, IMAGE_SIZE, 3] });
base.trainable = false;

// 2. Our head: the average of each of the 512 feature maps, then one number, the logit
// (above 0: Bo). Written once as a whole model, so its parts can be counted.
const pool = tf.layers.globalAveragePooling2d({ name: 'average_pool' });
const logit = tf.layers.dense({ units: 1, name: 'bo_logit' });
const photoIn = tf.input({ shape: [IMAGE_SIZE, IMAGE_SIZE, 3] });
const door = tf.model({ inputs: photoIn, outputs: logit.apply(pool.apply(base.apply(photoIn))) as tf.SymbolicTensor, name: 'bo_door' });
const sizeOf = (weights: tf.LayerVariable[]) => weights.reduce((sum, w) => sum + w.read().size, 0);
table(
  { part: ['VGG16 base (frozen)', 'head: pool + dense (trainable)'], weights: [sizeOf(door.nonTrainableWeights), sizeOf(door.trainableWeights)] },
  { caption: `The whole door model: ${door.countParams().toLocaleString('en-US')} weights` },
);

// 3. Features: the pooled output of the frozen base, once per photo and size. The kernel
// keeps this cache between runs (recall finds it; the first run creates it).
interface FeatureCache { features: Map<string, Float32Array>; thumbnails: Map<string, tf.Tensor3D>; computed: number }
const cache = await recall<FeatureCache>('vgg16-features', { from: 'A door for Bo' }).catch(() =>
  keep<FeatureCache>('vgg16-features', { features: new Map(), thumbnails: new Map(), computed: 0 }),
);
const computedBefore = cache.computed;
const input = { ...images.VGG16_INPUT, width: IMAGE_SIZE, height: IMAGE_SIZE };
const bar = progress(`VGG16 features at ${IMAGE_SIZE}x${IMAGE_SIZE}`, photos.length);
const started = performance.now();
for (const [i, photo] of photos.entries()) {
  const key = `${photo.path} ${IMAGE_SIZE}`;
  if (!cache.features.has(key)) {
    const x = images.toModelInput(await images.load(photo.path), input);
    const pooled = tf.tidy(() => pool.apply(base.predict(x)) as tf.Tensor);
    cache.features.set(key, (await pooled.data()) as Float32Array);
    if (!cache.thumbnails.has(photo.path)) cache.thumbnails.set(photo.path, tf.tidy(() => tf.image.resizeBilinear(images.vgg16Deprocess(x), [64, 64])));
    tf.dispose([x, pooled]);
    cache.computed++;
  }
  bar.update(i + 1);
}
bar.done();
const computed = cache.computed - computedBefore;
const seconds = (performance.now() - started) / 1000;
console.log(`VGG16 ran on ${computed} photos this run; ${photos.length - computed} features came from the kernel's cache.`);
if (computed > 0) console.log(`Features took ${seconds.toFixed(1)} s on ${backend()}: ${(seconds / computed).toFixed(2)} s per photo, decoding included.`);

const featuresOf = (list: data.Photo[]) => tf.tensor2d(list.flatMap((p) => [...cache.features.get(`${p.path} ${IMAGE_SIZE}`)!]), [list.length, 512]);
const labelsOf = (list: data.Photo[]) => tf.tensor2d(list.map(isBo), [list.length, 1]);
const [trainX, trainY, validX, validY] = [featuresOf(train), labelsOf(train), featuresOf(valid), labelsOf(valid)];

// 4. Train the head alone, on the cached features: the same dense layer as in `door`.
const featureIn = tf.input({ shape: [512] });
const head = tf.model({ inputs: featureIn, outputs: logit.apply(featureIn) as tf.SymbolicTensor, name: 'bo_head' });
// Binary cross-entropy on logits (the sigmoid is inside the loss), and accuracy at logit 0.
const bceWithLogits = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.losses.sigmoidCrossEntropy(yTrue, yPred);
function accuracy(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return tf.metrics.binaryAccuracy(yTrue, tf.sigmoid(yPred));
}
head.compile({ optimizer: tf.train.adam(LEARNING_RATE), loss: bceWithLogits, metrics: [accuracy] });

const frozenBefore = await Promise.all(base.getWeights().map((w) => w.data()));
const history = await head.fit(trainX, trainY, {
  epochs: EPOCHS,
  batchSize: 32,
  shuffle: true,
  validationData: [validX, validY],
  callbacks: fitCallbacks({ title: 'Bo or not Bo (frozen VGG16)', compareRuns: true }),
});
const frozenAfter = await Promise.all(base.getWeights().map((w) => w.data()));
let changed = 0;
frozenBefore.forEach((before, i) => {
  const after = frozenAfter[i]!;
  for (let j = 0; j < before.length; j++) if (before[j] !== after[j]) changed++;
});
console.log(`Frozen weights that changed in training: ${changed} of ${sizeOf(door.nonTrainableWeights).toLocaleString('en-US')}.`);

// 5. The door for the validation photos, which the head never trained on.
const probs = tf.tidy(() => tf.sigmoid(head.predict(validX) as tf.Tensor));
const p = await probs.data();
const wrong = valid.map((photo, i) => (p[i]! > 0.5 ? 1 : 0) !== isBo(photo));
imageGrid(valid.map((photo) => cache.thumbnails.get(photo.path)!), {
  labels: valid.map((photo, i) => `${photo.label} ${p[i]! > 0.5 ? 'opens' : 'stays shut'} (${(100 * p[i]!).toFixed(0)}% Bo)`),
  highlight: wrong,
  columns: 6,
  caption: `Validation photos, wrong ones marked: ${wrong.filter((w) => !w).length} of ${valid.length} right${trained ? '' : ' (untrained VGG16 features)'}`,
});
const valAcc = history.history.val_accuracy as number[];
console.log(`Validation accuracy after ${EPOCHS} epochs: ${valAcc.at(-1)!.toFixed(3)} (always saying "not Bo" would score ${(valid.filter((ph) => !isBo(ph)).length / valid.length).toFixed(3)}).`);

// Fine-tuning (below) starts from this head.
await keep('bo-head', { head, imageSize: IMAGE_SIZE, valAccuracy: valAcc });
tf.dispose([trainX, trainY, validX, validY, probs]);
// Frees the frozen base inside the door model; the dense layer lives on in the kept head.
door.dispose();
