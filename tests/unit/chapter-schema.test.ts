import { describe, expect, it } from 'vitest';
import { chapterSchema, describeChapterErrors } from '../../src/lib/chapter-schema.ts';

const valid = {
  title: 'What is deep learning',
  description: 'How machines learn rules from examples.',
  chapter: 1,
  objectives: ['Explain training and prediction'],
};
const FILE = 'content/01-what-is-deep-learning/index.mdx';

describe('chapter frontmatter schema', () => {
  it('accepts a complete chapter', () => {
    expect(chapterSchema.parse(valid)).toEqual(valid);
    expect(describeChapterErrors(FILE, valid)).toEqual([]);
  });

  it.each(['title', 'description', 'chapter', 'objectives'] as const)(
    'reports a missing "%s" with the file, the field and an example',
    (field) => {
      const { [field]: _removed, ...rest } = valid;
      const errors = describeChapterErrors(FILE, rest);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain(FILE);
      expect(errors[0]).toContain(`field "${field}"`);
      expect(errors[0]).toMatch(new RegExp(`"${field}" is missing: add .*e\\.g\\. ${field}:`));
    },
  );

  it('tells a wrongly typed field from a missing one', () => {
    const [error] = describeChapterErrors(FILE, { ...valid, chapter: 'two' });
    expect(error).toContain('field "chapter"');
    expect(error).toContain('"chapter" must be the chapter number');
  });

  it.each([
    [{ chapter: 1.5 }, 'chapter', 'whole number'],
    [{ chapter: 0 }, 'chapter', '1 or more'],
    [{ description: 'Short' }, 'description', 'too short'],
    [{ description: 'x'.repeat(201) }, 'description', 'too long'],
    [{ objectives: [] }, 'objectives', 'at least one item'],
    [{ title: 'AI' }, 'title', 'too short'],
  ])('rejects %j in field "%s" (%s)', (patch, field, words) => {
    const errors = describeChapterErrors(FILE, { ...valid, ...patch });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`field "${field}"`);
    expect(errors[0]).toContain(words);
  });

  it('names the item of a list that is wrong', () => {
    const [error] = describeChapterErrors(FILE, { ...valid, objectives: ['Fine objective', 42] });
    expect(error).toContain('field "objectives.1"');
  });

  it('reports every broken field, one line each', () => {
    expect(describeChapterErrors(FILE, {})).toHaveLength(4);
    expect(describeChapterErrors(FILE, undefined)).toHaveLength(1);
  });
});
