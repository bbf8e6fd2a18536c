// Your own photo (a file, or a frame from the webcam) through the same steps.
import * as tf from '@tensorflow/tfjs';
import { barChart, image, images, input, models, recall } from 'course';

const { model, trained } = await recall<{ model: tf.LayersModel; trained: boolean }>('vgg16', { from: 'Classify the course photos' });

const pixels = await input.photo({ prompt: 'A photo for VGG16: choose a file or use the webcam' });
const x = images.toModelInput(pixels, images.VGG16_INPUT);
const seen = images.vgg16Deprocess(x); // what the model sees, the preprocessing undone for display
image(seen, { label: `your photo as VGG16 sees it (${pixels.width}x${pixels.height} -> 224x224)`, range: '0-255' });

const probs = model.predict(x) as tf.Tensor;
const top5 = await models.decodePredictions(probs, 5);
barChart({
  title: `Your photo: top 5 of 1,000 classes${trained ? '' : ' (untrained weights: meaningless)'}`,
  categories: top5.map((p) => `${p.className.split(',')[0]} (${p.classIndex})`),
  values: top5.map((p) => p.probability),
});
const [best] = top5;
console.log(`Top-1: ${best!.className} (class ${best!.classIndex}), ${(100 * best!.probability).toFixed(1)}%; the top 5 together: ${(100 * top5.reduce((s, p) => s + p.probability, 0)).toFixed(1)}%.`);
tf.dispose([x, seen, probs]);
