/**
 * The chapters collection, sorted and shaped for navigation. Astro-only (it reads
 * `astro:content`); the ordering rules it applies live in chapters.ts and are unit-tested.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { sortChapters, type ChapterRef } from './chapters.ts';

export interface Chapter extends ChapterRef {
  entry: CollectionEntry<'chapters'>;
}

export async function getChapters(): Promise<Chapter[]> {
  const entries = await getCollection('chapters');
  return sortChapters(
    entries.map((entry) => ({
      slug: entry.id,
      title: entry.data.title,
      chapter: entry.data.chapter,
      description: entry.data.description,
      entry,
    })),
  );
}
