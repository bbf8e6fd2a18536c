// An automatic doggy door: VGG16 says what is at the door, a rule on its top class
// decides. Dogs come in, cats stay out, anything else leaves the door closed.
import * as tf from '@tensorflow/tfjs';
import { data, image, images, input, models, param, recall, table, type Pixels } from 'course';

const ASK_FOR_PHOTO = param('askForPhoto', true, { label: 'ask for your photo' });

// ImageNet numbers its classes so that related ones sit together: the 118 dog breeds
// are classes 151 to 268, the five domestic cats 281 to 285.
type Door = 'open: a dog' | 'closed: a cat' | 'closed: not a dog';
function door(classIndex: number): Door {
  if (classIndex >= 151 && classIndex <= 268) return 'open: a dog';
  if (classIndex >= 281 && classIndex <= 285) return 'closed: a cat';
  return 'closed: not a dog';
}

// The rule at the edges of its ranges, with the class names, to check it.
const names = models.imagenetClasses();
table(
  [150, 151, 207, 268, 269, 280, 281, 285, 286].map((i) => ({ class: i, name: names[i]!.split(',')[0], door: door(i) })),
  { caption: 'The rule at the edges of the dog and cat ranges' },
);

const { model, trained } = await recall<{ model: tf.LayersModel; trained: boolean }>('vgg16', { from: 'Classify the course photos' });

async function atTheDoor(pixels: Pixels, name: string): Promise<void> {
  const x = images.toModelInput(pixels, images.VGG16_INPUT);
  const probs = model.predict(x) as tf.Tensor;
  const [best] = await models.decodePredictions(probs, 1);
  const verdict = door(best!.classIndex);
  const seen = images.vgg16Deprocess(x);
  image(seen, { label: `${name}: ${best!.className.split(',')[0]} (class ${best!.classIndex}, ${(100 * best!.probability).toFixed(0)}%) -> door ${verdict}`, range: '0-255' });
  tf.dispose([x, probs, seen]);
  console.log(`${name}: top class ${best!.classIndex} ${best!.className.split(',')[0]}, door ${verdict}${trained ? '' : ' (untrained weights: the class is a guess)'}`);
}

try {
  for (const photo of await data.photos('doggy_door_images')) await atTheDoor(await images.load(photo.path), photo.name);
} catch (e) {
  if (!data.isAssetMissingError(e)) throw e;
  console.log(`${(e as Error).message}; your own photo is next.`);
}
if (ASK_FOR_PHOTO) await atTheDoor(await input.photo({ prompt: 'Who is at the door? A photo of a dog, a cat or anything else' }), 'your photo');
