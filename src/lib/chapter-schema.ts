import { z } from 'astro/zod';

/** Frontmatter every chapter must carry; a missing or malformed field fails the build. */
export const chapterSchema = z.object({
  title: z.string().min(3),
  description: z.string().min(10).max(200),
  chapter: z.number().int().positive(),
  objectives: z.array(z.string().min(3)).min(1),
});

export type ChapterFrontmatter = z.infer<typeof chapterSchema>;

/**
 * Human-readable summary of a schema failure: one line per field, naming the file.
 * Astro prints its own message at build time; this one is used by `scripts/check-content`
 * and the unit tests so the wording is ours and stable.
 */
export function describeChapterErrors(file: string, data: unknown): string[] {
  const result = chapterSchema.safeParse(data);
  if (result.success) return [];
  return result.error.issues.map(
    (issue) => `${file}: frontmatter field "${issue.path.join('.') || '(root)'}": ${issue.message}`,
  );
}
