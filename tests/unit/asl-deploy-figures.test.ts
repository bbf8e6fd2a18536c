/**
 * Chapter 5's published figures (content/05-sign-language/deploy-figures.ts): what the
 * deploy's `npm run reference:asl -- --out ...` writes is read back, summarised as the
 * chapter's table shows it, and a broken file fails with a message naming it.
 */
import { describe, expect, it } from 'vitest';
import { parseReferenceFigures, summarise, type ReferenceFigures } from '../../content/05-sign-language/deploy-figures.ts';

const figures: ReferenceFigures = {
  version: 1,
  measuredOn: '2026-12-01T12:00:00.000Z',
  data: { train: 27455, validation: 7172, source: 'the full Sign Language MNIST' },
  runtime: 'Node 24, TF.js 4.22.0 on wasm, one thread',
  runs: [{ name: 'v2', epochs: 4, trainAccuracy: [0.66, 0.9, 0.93, 0.95], validationAccuracy: [0.87, 0.9, 0.76, 0.8], secondsPerEpoch: 400 }],
};

describe('chapter 5 deploy figures', () => {
  it('reads what the reference script writes and summarises each run: last training, best and last validation accuracy', () => {
    const read = parseReferenceFigures(JSON.stringify(figures), 'reference.json');
    expect(summarise(read.runs[0]!)).toEqual({ name: 'v2', epochs: 4, lastTrain: 0.95, bestValidation: 0.9, bestEpoch: 2, lastValidation: 0.8, secondsPerEpoch: 400 });
  });

  it('a broken or foreign file is an error naming it and the command that rewrites it', () => {
    expect(() => parseReferenceFigures('{', 'public/data/reference/asl.json')).toThrow(/^public\/data\/reference\/asl.json: not valid JSON .*npm run reference:asl -- --out public\/data\/reference\/asl.json/);
    const short = { ...figures, runs: [{ ...figures.runs[0]!, validationAccuracy: [0.9] }] };
    expect(() => parseReferenceFigures(JSON.stringify(short), 'f.json')).toThrow('f.json: not a chapter 5 reference file (version 1, one accuracy per epoch for every run)');
    expect(() => parseReferenceFigures(JSON.stringify({ version: 2 }), 'f.json')).toThrow(/not a chapter 5 reference file/);
  });
});
