/**
 * Chapter 4 (image kernels and convolution): every playground runs on real MNIST digits
 * in Node through the same path as the browser, and shows what the chapter says it shows.
 */
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { runPlaygroundFile, runPlaygroundSource, type RunOutcome, withSeededRandom } from './harness.ts';
import { type Table, type Images, tables, tableTitled, images, expectClean } from './outputs.ts';

/** Grey level (0-255) of each pixel of an RGBA image. */
const grey = (img: { data: Uint8ClampedArray }) => Array.from({ length: img.data.length / 4 }, (_, p) => img.data[p * 4]!);

/** The 4x4 result the chapter's text derives by hand for its 6x6 image and vertical-edge kernel. */
const DOCUMENTED_4X4 = [
  [-5, -4, 0, 8],
  [-10, -2, 2, 3],
  [0, -2, -4, -7],
  [-3, -2, -3, -16],
];

/**
 * How far the small CNN must beat the linear baseline. Over 10 seeded runs of the
 * chapter's settings (3 epochs, 8,000 digits; scripts/reference/mnist-cnn-vs-linear-tfjs.ts)
 * it was 5.56 points ahead on average, never less than 4.70: the chapter says "more than
 * 4 points in every run".
 */
const CNN_LEAD = 0.04;

describe('chapter 4: image kernels and convolution', () => {
  it('shows a real digit as a picture and as its 28x28 grey values 0-255', async () => {
    const run = await runPlaygroundFile('convolution/image-as-matrix.ts', { params: { index: 3 } });
    expectClean(run);
    const [picture] = images(run.outputs);
    expect([picture!.items[0]!.width, picture!.items[0]!.height]).toEqual([28, 28]);
    const t = tables(run.outputs)[0]!;
    expect(t.columns).toHaveLength(28);
    expect(t.rows).toHaveLength(28);
    const values = t.rows.flat().map(Number);
    expect(values.every((v) => Number.isInteger(v) && v >= 0 && v <= 255)).toBe(true);
    // A real digit: mostly black background, some fully white ink.
    expect(values.filter((v) => v === 0).length).toBeGreaterThan(400);
    expect(Math.max(...values)).toBeGreaterThan(240);
    // The table holds the same numbers as the picture.
    expect(grey(picture!.items[0]!)).toEqual(values);
    // Over all 2,000 validation digits: the pixels that are 0 in every one.
    const brightest = grey(images(run.outputs)[1]!.items[0]!);
    const alwaysZero = brightest.filter((v) => v === 0).length;
    const logs = run.logs.join('\n');
    expect(logs).toContain(`${alwaysZero} of the 784 pixels are 0 in all 2,000 validation digits, all of them within 4 pixels of the edge.`);
    expect(alwaysZero).toBe(164);
    const ring = (p: number) => Math.min(Math.floor(p / 28), p % 28, 27 - Math.floor(p / 28), 27 - (p % 28));
    expect(brightest.every((v, p) => v > 0 || ring(p) <= 3)).toBe(true);
    expect(logs).toContain('Rows that are 0 in every digit: 0; columns: 0.');
  });

  it('applies the classic kernels: identity keeps the digit, blur smooths it, outline is dark inside flat areas', async () => {
    const run = await runPlaygroundFile('convolution/kernels.ts', { params: { index: 0 } });
    expectClean(run);
    const grid = images(run.outputs)[0]!;
    const byLabel = new Map(grid.items.map((item) => [item.label, grey(item)]));
    expect([...byLabel.keys()]).toEqual(['identity', 'blur', 'sharpen', 'edge detection', 'emboss', 'outline', 'your kernel']);
    const identity = byLabel.get('identity')!;
    const blur = byLabel.get('blur')!;
    // Blurring lowers the contrast between neighbours: the total jump along rows shrinks.
    const roughness = (px: number[]) => px.reduce((sum, v, i) => (i % 28 ? sum + Math.abs(v - px[i - 1]!) : sum), 0);
    expect(roughness(blur)).toBeLessThan(0.8 * roughness(identity));
    // Brightness is kept by a kernel whose numbers add up to 1.
    const total = (px: number[]) => px.reduce((a, b) => a + b, 0);
    expect(Math.abs(total(blur) - total(identity)) / total(identity)).toBeLessThan(0.05);
    // The outline kernel sums to 0: the black background stays black.
    const outline = byLabel.get('outline')!;
    expect(outline[0]).toBe(0);
    expect(Math.max(...outline)).toBe(255);
  });

  it('the 6x6 x 3x3 worked example gives the documented 4x4, by loops and by tf.conv2d; they agree on it exactly and on random inputs', async () => {
    const run = await runPlaygroundFile('convolution/worked-example.ts', { params: { randomSize: 13, randomKernelSize: 4, trials: 5 } });
    expectClean(run);
    const byLoop = tableTitled(run.outputs, /our loops/).rows.map((r) => r.map(Number));
    const byTf = tableTitled(run.outputs, /computed by tf\.conv2d/).rows.map((r) => r.map(Number));
    expect(byLoop).toEqual(DOCUMENTED_4X4);
    expect(byTf).toEqual(DOCUMENTED_4X4);
    const check = tableTitled(run.outputs, /Loops vs tf\.conv2d/);
    const column = (name: string) => check.rows.map((r) => r[check.columns.indexOf(name)]);
    expect(column('input')).toEqual(['the 6x6 example above', 'random 13x13 images']);
    expect(column('trials')).toEqual([1, 5]);
    const [onExample, onRandom] = column('largest difference').map(Number);
    expect(onExample).toBe(0);
    expect(onRandom).toBeLessThan(1e-4);
    expect(run.logs.join('\n')).toMatch(/They agree: exactly on the example/);

    // A loop that computed something else is caught by the example itself.
    const source = await readFile(new URL('../../playgrounds/convolution/worked-example.ts', import.meta.url), 'utf8');
    const broken = source.replace('sum += image[r + i]![c + j]! * kernel[i]![j]!', 'sum += image[r + j]![c + i]! * kernel[i]![j]!');
    expect(broken).not.toBe(source);
    const wrong = await runPlaygroundSource(broken, { params: { trials: 1, randomSize: 9, randomKernelSize: 3 } });
    expect(Number(tableTitled(wrong.outputs, /Loops vs tf\.conv2d/).rows[0]![3])).toBeGreaterThan(0);
    expect(wrong.logs.join('\n')).toContain('They differ!');
  });

  it('the output-size formula matches tf.conv2d for every stride and padding listed', async () => {
    const run = await runPlaygroundFile('convolution/stride-padding.ts');
    expectClean(run);
    const sizes = tableTitled(run.outputs, /Output size/);
    expect(sizes.rows.length).toBeGreaterThanOrEqual(5);
    const col = (name: string) => sizes.columns.indexOf(name);
    for (const r of sizes.rows) {
      const m = Number(r[col('formula')]);
      expect(r[col('tf.conv2d output')]).toBe(`${m}x${m}`);
    }
    // The 6x6 example without padding is 4x4; "same" padding keeps 5x5; stride 2 halves it.
    expect(sizes.rows[0]!.slice(0, 5)).toEqual([6, 3, 1, 0, 4]);
    const captions = tables(run.outputs).map((t) => t.caption);
    expect(captions).toContain('Stride 1, padding 0: 3x3, the formula says 3');
    expect(captions).toContain('Stride 1, padding 1: 5x5, the formula says 5');
    expect(captions).toContain('Stride 2, padding 1: 3x3, the formula says 3');
    // Summing 3x3 windows of 1..25: the centre window adds 7+8+9+12+13+14+17+18+19.
    const valid = tableTitled(run.outputs, /Stride 1, padding 0/).rows.map((r) => r.map(Number));
    expect(valid[1]![1]).toBe(117);
    // A 3x3 kernel with stride 2 on a 6x6 image never looks at the last row and column.
    const never = sizes.rows.map((r) => r[col('pixels never looked at')]);
    expect(never).toEqual([0, 0, 11, 0, 0, 0, 0]);
    const map = tableTitled(run.outputs, /n=6, k=3, s=2, p=0/).rows.map((r) => r.map(Number));
    expect(map[5]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(map.map((r) => r[5])).toEqual([0, 0, 0, 0, 0, 0]);
    expect(map[2]![2]).toBe(4); // the pixel shared by all four windows
  });

  it('"Try this": a stride larger than the kernel skips whole rows and columns, and the playground shows which', async () => {
    const source = await readFile(new URL('../../playgrounds/convolution/stride-padding.ts', import.meta.url), 'utf8');
    const edited = source.replace('  { n: 28, k: 5, s: 2, p: 2 },\n', '  { n: 28, k: 5, s: 2, p: 2 },\n  { n: 9, k: 2, s: 3, p: 0 },\n');
    expect(edited).not.toBe(source);
    const run = await runPlaygroundSource(edited);
    expectClean(run);
    const map = tableTitled(run.outputs, /n=9, k=2, s=3, p=0/).rows.map((r) => r.map(Number));
    // Windows start at 0, 3 and 6 and are 2 wide: rows and columns 2, 5 and 8 are never seen.
    for (let r = 0; r < 9; r++) {
      for (let c = 0; c < 9; c++) expect(map[r]![c]).toBe([2, 5, 8].includes(r) || [2, 5, 8].includes(c) ? 0 : 1);
    }
    const sizes = tableTitled(run.outputs, /Output size/);
    expect(sizes.rows.at(-1)).toEqual([9, 2, 3, 0, 3, '3x3', 45]);
  });

  it('a kernel for 3 channels is one 3x3 slice per channel, summed; a conv layer has 3*3*C_in*C_out + C_out weights', async () => {
    const run = await runPlaygroundFile('convolution/channels.ts');
    expectClean(run);
    const together = tableTitled(run.outputs, /3x3x3 kernel/).rows;
    const summed = tableTitled(run.outputs, /convolved separately/).rows;
    expect(together).toEqual(summed);
    // Position (0, 0) by hand: red window * vertical edge (1) + green centre (1) + blue window * horizontal edge (-3).
    expect(together[0]![0]).toBe(-1);
    expect(run.logs.join('\n')).toContain('The same numbers');
    const weights = tableTitled(run.outputs, /Weights of a 3x3 conv layer/);
    const col = (name: string) => weights.rows.map((r) => Number(r[weights.columns.indexOf(name)]));
    expect(col('counted by TF.js')).toEqual(col('3*3*C_in*C_out + C_out'));
    expect(col('counted by TF.js')).toEqual([80, 1168, 448, 1792, 36928]);
    expect(run.logs.join('\n')).toContain('A dense layer from 784 pixels to 676 outputs: 530,660 weights.');
  });

  it(`the small CNN, with fewer weights than a linear model, beats it by more than ${CNN_LEAD * 100} points on the same split, and shows its 3x3 filters and 26x26 feature maps`, async () => {
    const run = await withSeededRandom(1, () => runPlaygroundFile('convolution/first-layer.ts', { params: { epochs: 3, trainingDigits: 8000 } }));
    expectClean(run);
    // Where the weights are, layer by layer.
    const layers = tableTitled(run.outputs, /Weights per layer/);
    const perLayer = layers.rows.map((r) => [r[0], r[1], r[3]]);
    expect(perLayer).toEqual([
      ['linear', 'Flatten', 0],
      ['linear', 'Dense', 7850],
      ['cnn', 'Conv2D', 80],
      ['cnn', 'MaxPooling2D', 0],
      ['cnn', 'Conv2D', 1168],
      ['cnn', 'MaxPooling2D', 0],
      ['cnn', 'Flatten', 0],
      ['cnn', 'Dense', 4010],
    ]);
    expect(layers.caption).toBe('Weights per layer: linear 7,850, CNN 5,258');
    const result = tableTitled(run.outputs, /^After 3 epochs on 8,000 digits/);
    const accuracy = (model: string) => Number(result.rows.find((r) => r[0] === model)![result.columns.indexOf('validation accuracy')]);
    const [linear, cnn] = [accuracy('linear baseline'), accuracy('small CNN')];
    console.log(`3 epochs on 8,000 digits: linear ${(linear * 100).toFixed(1)}%, small CNN ${(cnn * 100).toFixed(1)}%`);
    expect(linear).toBeGreaterThan(0.85); // the baseline is a fair one: it learned
    expect(cnn - linear).toBeGreaterThan(CNN_LEAD);
    const grids = images(run.outputs);
    const filters = grids.find((g) => /filters/.test(g.caption ?? ''))!;
    const maps = grids.find((g) => /feature maps/.test(g.caption ?? ''))!;
    expect(filters.items.map((i) => [i.width, i.height])).toEqual(Array(8).fill([3, 3]));
    expect(maps.items.map((i) => [i.width, i.height])).toEqual(Array(8).fill([26, 26]));
    // Stretched to full contrast: each filter image uses black and white.
    for (const f of filters.items) expect([Math.min(...grey(f)), Math.max(...grey(f))]).toEqual([0, 255]);
    expect(run.outputs.filter((o) => o.kind === 'chart')).toHaveLength(4);
  });

  it('"Try this: set epochs to 0": the untrained models guess (about 10%) and the filters are still shown', async () => {
    const run = await withSeededRandom(1, () => runPlaygroundFile('convolution/first-layer.ts', { params: { epochs: 0 } }));
    expectClean(run);
    const result = tableTitled(run.outputs, /^After 0 epochs/);
    for (const r of result.rows) expect(Number(r[2])).toBeLessThan(0.25);
    expect(images(run.outputs).find((g) => /filters/.test(g.caption ?? ''))!.items).toHaveLength(8);
  });
});
