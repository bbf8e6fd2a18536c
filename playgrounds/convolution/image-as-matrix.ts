// To a computer, a grey image is a grid of numbers: 0 is black, 255 is white.
import * as tf from '@tensorflow/tfjs';
import { data, image, param, table } from 'course';

// Which validation digit to look at; try a few.
const INDEX = param('index', 0);

const mnist = await data.mnist({ set: 'bundled' });
// The loader scaled pixels to 0-1 for training; multiply back to the 0-255 of the file.
const digit = tf.tidy(() => mnist.validation.xs.slice(INDEX, 1).reshape([28, 28]).mul(255).round());

image(digit, { scale: 8, range: '0-255', caption: `A ${mnist.validation.labels[INDEX]}, 28 x 28 pixels` });

const rows = (await digit.array()) as number[][];
table(rows, {
  columns: rows[0]!.map((_, column) => String(column)),
  caption: 'The same picture as the numbers a program sees: one row of the table per row of pixels',
});

digit.dispose();
mnist.dispose();
