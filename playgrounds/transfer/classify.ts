// VGG16 with its ImageNet weights classifies the course photos: first what the model
// really sees (224x224, centre-cropped), then its five most likely classes.
import * as tf from '@tensorflow/tfjs';
import { backend, barChart, data, image, images, keep, models, notice, recall } from 'course';

// The full model with its classifier top: 138.4 MB of uint8 weights, downloaded once
// and then kept by this browser. The kernel keeps the loaded model for the later
// playgrounds on this page, and for this one when it runs again.
type Loaded = { model: tf.LayersModel; trained: boolean };
const loaded = await recall<Loaded>('vgg16', { from: 'Classify the course photos' }).catch(() => undefined);
const { model, trained } = loaded ?? (await keep<Loaded>('vgg16', await models.vgg16({ includeTop: true })));

let photos: data.Photo[] = [];
try {
  photos = await data.photos('doggy_door_images');
} catch (e) {
  if (!data.isAssetMissingError(e)) throw e;
  notice('info', `${(e as Error).message}. The next playground classifies your own photo instead.`);
}

for (const photo of photos) {
  const pixels = await images.load(photo.path);
  // Centre crop to a square, resize to 224x224, RGB -> BGR, minus the ImageNet means.
  const x = images.toModelInput(pixels, images.VGG16_INPUT);
  const seen = images.vgg16Deprocess(x); // the preprocessing undone, for display
  image(seen, { label: `${photo.name} as VGG16 sees it (${pixels.width}x${pixels.height} -> 224x224)`, range: '0-255' });
  const t0 = performance.now();
  const probs = model.predict(x) as tf.Tensor;
  const top5 = await models.decodePredictions(probs, 5); // reads the result, so the time below includes the computation
  const seconds = (performance.now() - t0) / 1000;
  barChart({
    title: `${photo.name}: top 5 of 1,000 classes${trained ? '' : ' (untrained weights: meaningless)'}`,
    categories: top5.map((p) => `${p.className.split(',')[0]} (${p.classIndex})`),
    values: top5.map((p) => p.probability),
  });
  console.log(`${photo.name}: ${top5.map((p) => `${p.className.split(',')[0]} ${(100 * p.probability).toFixed(1)}%`).join(', ')}`);
  console.log(`VGG16 took ${seconds.toFixed(2)} s for ${photo.name} on ${backend()} (the first photo includes setting up the backend's kernels).`);
  tf.dispose([x, seen, probs]);
}
