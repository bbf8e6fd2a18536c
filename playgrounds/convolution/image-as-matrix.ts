// To a computer, a grey image is a grid of numbers: 0 is black, 255 is white.
import * as tf from '@tensorflow/tfjs';
import { data, image, param, table } from 'course';

// Which validation digit to look at; try a few.
const INDEX = param('index', 0, { label: 'validation digit', min: 0, max: 1999 });

const mnist = await data.mnist({ set: 'bundled' });
// The loader scaled pixels to 0-1 for training; multiply back to the 0-255 of the file.
const digit = tf.tidy(() => mnist.validation.xs.slice(INDEX, 1).reshape([28, 28]).mul(255).round());

image(digit, { scale: 8, range: '0-255', caption: `A ${mnist.validation.labels[INDEX]}, 28 x 28 pixels` });

const rows = (await digit.array()) as number[][];
table(rows, {
  columns: rows[0]!.map((_, column) => String(column)),
  caption: 'The same picture as the numbers a program sees: one row of the table per row of pixels',
});

// Not one digit but all 2,000: the brightest value each pixel takes in any of them.
// A pixel that stays black here is 0 in every validation digit.
const brightest = tf.tidy(() => mnist.validation.xs.max(0).reshape([28, 28]).mul(255).round());
image(brightest, { scale: 8, range: '0-255', caption: 'The brightest each pixel gets in any of the 2,000 validation digits' });
const values = (await brightest.array()) as number[][];
const alwaysZero = values.flat().filter((v) => v === 0).length;
const zeroRows = values.flatMap((row, r) => (row.every((v) => v === 0) ? [r] : []));
const zeroColumns = values[0]!.flatMap((_, c) => (values.every((row) => row[c] === 0) ? [c] : []));
// How far in from the nearest edge such a pixel can be (0: on the edge).
const depth = Math.max(...values.flatMap((row, r) => row.flatMap((v, c) => (v === 0 ? [Math.min(r, c, 27 - r, 27 - c)] : []))));
console.log(`${alwaysZero} of the 784 pixels are 0 in all 2,000 validation digits, all of them within ${depth + 1} pixels of the edge.`);
console.log(`Rows that are 0 in every digit: ${zeroRows.join(', ') || 'none'}; columns: ${zeroColumns.join(', ') || 'none'}.`);

tf.dispose([digit, brightest]);
mnist.dispose();
