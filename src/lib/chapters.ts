/** Ordering and navigation of chapters: pure functions over (slug, frontmatter) pairs. */

export interface ChapterRef {
  slug: string;
  title: string;
  chapter: number;
  description: string;
}

export interface ChapterNeighbours {
  prev?: ChapterRef;
  next?: ChapterRef;
}

/** `01-what-is-deep-learning/index.mdx` -> `what-is-deep-learning`. */
export function slugFromFolder(entryPath: string): string {
  const folder = entryPath.split('/')[0] ?? entryPath;
  return folder.replace(/^\d+[-_]/, '').toLowerCase();
}

/** Sorts by chapter number; two chapters with one number is an authoring error. */
export function sortChapters<T extends ChapterRef>(chapters: readonly T[]): T[] {
  const sorted = [...chapters].sort((a, b) => a.chapter - b.chapter);
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = [sorted[i - 1]!, sorted[i]!];
    if (a.chapter === b.chapter) {
      throw new Error(`Chapters "${a.slug}" and "${b.slug}" both have chapter number ${a.chapter}`);
    }
  }
  return sorted;
}

export function neighbours<T extends ChapterRef>(sorted: readonly T[], slug: string): ChapterNeighbours {
  const i = sorted.findIndex((c) => c.slug === slug);
  if (i < 0) return {};
  return { prev: sorted[i - 1], next: sorted[i + 1] };
}

/** Site-relative path of a chapter page (pass through `withBase`). */
export function chapterPath(slug: string): string {
  return `chapters/${slug}/`;
}
