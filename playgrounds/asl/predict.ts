// Using the trained model: the author's two photos of hands signing A and B, then a photo
// of your own. Each is made grey and 28x28, like the training images, before the model sees it.
import * as tf from '@tensorflow/tfjs';
import { data, image, images, input, param, recall, table, type Pixels } from 'course';

const ASK_FOR_PHOTO = param('askForPhoto', true, { label: 'ask for your photo' });
const TOP = 3;

const model = await recall<tf.LayersModel>('asl-model', { from: 'Train with augmentation' });
const letters = data.ASL_LETTERS;

// Grey (the luma of the colours), 0..1, 28x28. The author's photos are stretched to 28x28,
// as the course's own code resizes them; for your photo only its middle square is kept.
function toModelInput(photo: Pixels, fit: 'stretch' | 'crop'): tf.Tensor4D {
  return images.toModelInput(photo, { width: 28, height: 28, channels: 1, fit, normalize: 'unit' });
}

async function predict(photo: Pixels, name: string, fit: 'stretch' | 'crop'): Promise<void> {
  const x = toModelInput(photo, fit);
  const probabilities = model.predict(x) as tf.Tensor2D;
  const p = Array.from(await probabilities.data());
  const best = p.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]).slice(0, TOP);
  image(photo, { label: `${name}, ${photo.width}x${photo.height}` });
  const seen = x.squeeze([0]);
  image(seen, { scale: 4, range: '0-1', label: `what the model sees: 28x28 grey${fit === 'crop' ? ', the middle square' : ''}` });
  table(
    best.map(([v, i], rank) => ({ rank: rank + 1, letter: letters[i], probability: v.toFixed(4) })),
    { caption: `${name}: it's ${letters[best[0]![1]]}; the top ${TOP} of 24 letters (all 24 probabilities add up to ${p.reduce((a, b) => a + b, 0).toFixed(4)})` },
  );
  tf.dispose([x, seen, probabilities]);
}

try {
  for (const photo of await data.photos('asl_images')) await predict(await images.load(photo.path), photo.name, 'stretch');
} catch (e) {
  // Without the course photos the notice above says how to fetch them.
  if (!data.isAssetMissingError(e)) throw e;
}

if (ASK_FOR_PHOTO) {
  const photo = await input.photo({ prompt: 'A photo of one hand signing a letter, filling the middle square of the picture, in front of a plain background', guide: 'square' });
  await predict(photo, 'your photo', 'crop');
}
