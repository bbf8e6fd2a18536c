/** `course.chips`: the message a row of chips becomes, and clear errors for bad input. */
import { describe, expect, it } from 'vitest';
import { chipsOutput } from '../../src/course/chips.ts';

describe('chips', () => {
  it('strings and { text, note, tone } items; notes become text', () => {
    expect(chipsOutput(['[CLS]', { text: 'quad', note: 17 }, { text: '##ratic', note: 'x', tone: 'muted' }], { caption: 'Tokens' })).toEqual({
      kind: 'chips',
      caption: 'Tokens',
      chips: [{ text: '[CLS]' }, { text: 'quad', note: '17' }, { text: '##ratic', note: 'x', tone: 'muted' }],
    });
    expect(chipsOutput([])).toEqual({ kind: 'chips', chips: [] });
  });

  it('bad input names what is wrong', () => {
    expect(() => chipsOutput('a b' as never)).toThrow('chips() takes an array of strings or { text, note } objects, got string');
    expect(() => chipsOutput(['a', { note: 1 } as never])).toThrow('chips(): item 1 has no text (give a string or { text, note })');
  });
});
