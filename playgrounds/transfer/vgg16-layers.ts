// VGG16's layers, block by block: what each one outputs and how many weights it has.
// This builds the architecture only (no download): the weights come in the next playground.
import * as tf from '@tensorflow/tfjs';
import { models, table } from 'course';

// Zeros instead of random numbers: drawing 138 million random weights would take seconds.
const vgg = models.buildVgg16({ includeTop: true, initializer: 'zeros' });

const shape = (layer: tf.layers.Layer) => (layer.outputShape as (number | null)[]).slice(1).join(' x ');
table(
  vgg.layers.map((layer) => ({
    layer: layer.name,
    type: layer.getClassName(),
    'output shape': shape(layer),
    weights: layer.countParams(),
  })),
  { caption: `VGG16, layer by layer: ${vgg.countParams().toLocaleString('en-US')} weights` },
);

// The same weights summed per block: the convolutions see the picture, the three dense
// layers ("the top") turn what they found into 1,000 class scores.
const blockOf = (name: string) => (name.startsWith('block') ? name.split('_')[0]! : name === 'input_1' ? 'input' : 'top (flatten, fc1, fc2, predictions)');
const blocks = new Map<string, { layers: number; weights: number; output: string }>();
for (const layer of vgg.layers) {
  const block = blocks.get(blockOf(layer.name)) ?? { layers: 0, weights: 0, output: '' };
  blocks.set(blockOf(layer.name), { layers: block.layers + 1, weights: block.weights + layer.countParams(), output: shape(layer) });
}
const total = vgg.countParams();
table(
  [...blocks].map(([block, b]) => ({ block, layers: b.layers, 'output shape': b.output, weights: b.weights, share: `${((100 * b.weights) / total).toFixed(1)}%` })),
  { caption: 'Weights per block' },
);

const weightLayers = vgg.layers.filter((l) => l.getClassName() === 'Conv2D' || l.getClassName() === 'Dense').length;
console.log(`${weightLayers} layers with weights (the "16" in VGG16); without the top, ${models.VGG16_PARAMS.notop.toLocaleString('en-US')} weights remain.`);
vgg.dispose();
