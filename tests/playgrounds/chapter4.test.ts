/**
 * Chapter 4 (image kernels and convolution): every playground runs on real MNIST digits
 * in Node through the same path as the browser, and shows what the chapter says it shows.
 */
import { describe, expect, it } from 'vitest';
import type { Output } from '../../src/runner/protocol.ts';
import { runPlaygroundFile, type RunOutcome } from './harness.ts';

type Table = Extract<Output, { kind: 'table' }>;
type Images = Extract<Output, { kind: 'images' }>;
const tables = (outputs: Output[]) => outputs.filter((o): o is Table => o.kind === 'table');
const tableTitled = (outputs: Output[], caption: RegExp) => {
  const t = tables(outputs).find((o) => caption.test(o.caption ?? ''));
  if (!t) throw new Error(`no table captioned ${caption}; captions: ${tables(outputs).map((o) => o.caption).join(' | ')}`);
  return t;
};
const images = (outputs: Output[]) => outputs.filter((o): o is Images => o.kind === 'images');
function expectClean(run: RunOutcome): void {
  expect(run.error).toBeUndefined();
  // A playground that leaks tensors makes the page warn the reader after every run.
  expect(run.summary.tensorsAfter - run.summary.tensorsBefore).toBeLessThanOrEqual(0);
}
/** Grey level (0-255) of each pixel of an RGBA image. */
const grey = (img: { data: Uint8ClampedArray }) => Array.from({ length: img.data.length / 4 }, (_, p) => img.data[p * 4]!);

/** The 4x4 result the chapter's text derives by hand for its 6x6 image and vertical-edge kernel. */
const DOCUMENTED_4X4 = [
  [-5, -4, 0, 8],
  [-10, -2, 2, 3],
  [0, -2, -4, -7],
  [-3, -2, -3, -16],
];

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

  it('the 6x6 x 3x3 worked example gives the documented 4x4, by loops and by tf.conv2d; they agree on random inputs', async () => {
    const run = await runPlaygroundFile('convolution/worked-example.ts', { params: { randomSize: 13, randomKernelSize: 4, trials: 5 } });
    expectClean(run);
    const byLoop = tableTitled(run.outputs, /our loops/).rows.map((r) => r.map(Number));
    const byTf = tableTitled(run.outputs, /tf\.conv2d/).rows.map((r) => r.map(Number));
    expect(byLoop).toEqual(DOCUMENTED_4X4);
    expect(byTf).toEqual(DOCUMENTED_4X4);
    const check = tableTitled(run.outputs, /random numbers/);
    expect(check.rows[0]!.slice(0, 3)).toEqual([5, '13x13', '4x4']);
    expect(Number(check.rows[0]![3])).toBeLessThan(1e-4);
    expect(run.logs.join('\n')).toMatch(/They agree/);
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
  });

  it('a small CNN learns (>= 88% on 2,000 held-out digits after 2 epochs) and shows its 3x3 filters and 26x26 feature maps', async () => {
    const run = await runPlaygroundFile('convolution/first-layer.ts', { params: { epochs: 2, trainingDigits: 8000 } });
    expectClean(run);
    const result = tables(run.outputs)[0]!;
    const accuracy = Number(result.rows[0]![result.columns.indexOf('validation accuracy')]);
    console.log(`small CNN, 2 epochs on 8,000 digits: ${(accuracy * 100).toFixed(1)}% validation accuracy`);
    expect(accuracy).toBeGreaterThanOrEqual(0.88);
    const grids = images(run.outputs);
    const filters = grids.find((g) => /filters/.test(g.caption ?? ''))!;
    const maps = grids.find((g) => /feature maps/.test(g.caption ?? ''))!;
    expect(filters.items.map((i) => [i.width, i.height])).toEqual(Array(8).fill([3, 3]));
    expect(maps.items.map((i) => [i.width, i.height])).toEqual(Array(8).fill([26, 26]));
    // Stretched to full contrast: each filter image uses black and white.
    for (const f of filters.items) expect([Math.min(...grey(f)), Math.max(...grey(f))]).toEqual([0, 255]);
    expect(run.outputs.some((o) => o.kind === 'chart')).toBe(true);
  });
});
