import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { chapterSchema } from './lib/chapter-schema.ts';
import { slugFromFolder } from './lib/chapters.ts';

// Chapters live in the top-level content/ folder, one folder per chapter
// (`content/01-what-is-deep-learning/index.mdx`), so assets can sit next to the prose.
const chapters = defineCollection({
  loader: glob({
    pattern: '*/index.mdx',
    base: './content',
    generateId: ({ entry }) => slugFromFolder(entry),
  }),
  schema: chapterSchema,
});

export const collections = { chapters };
