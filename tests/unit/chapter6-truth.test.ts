import { describe, expect, it } from 'vitest';
import { parseTruth } from '../../content/06-transfer-learning/truth.ts';

const good = {
  weights: 'imagenet',
  imageSize: 224,
  classification: [{ photo: 'happy_dog.jpg', classes: [{ classIndex: 208, className: 'Labrador retriever', probability: 0.6 }] }],
  frozenValAccuracy: [0.8, 0.93],
  fineTunedValAccuracy: [0.93, 0.97],
  failures: [],
  measuredAt: '2026-12-01T12:00:00.000Z',
};

describe("chapter 6's published real-weight figures", () => {
  it('reads what scripts/reference/vgg16-transfer.ts writes', () => {
    expect(parseTruth(JSON.stringify(good), 'f.json')).toEqual(good);
  });
  it('names the file and what is wrong with a broken one', () => {
    expect(() => parseTruth('{', 'f.json')).toThrow(/^f\.json: not JSON/);
    expect(() => parseTruth(JSON.stringify({ ...good, frozenValAccuracy: ['x'], measuredAt: 'soon' }), 'f.json')).toThrow(
      'f.json: frozenValAccuracy and fineTunedValAccuracy must be lists of numbers; measuredAt must be a date; re-run npm run reference:vgg16 -- --out public/data/reference/vgg16-transfer.json',
    );
  });
});
