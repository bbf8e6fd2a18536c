import { z } from 'astro/zod';

/**
 * Messages for a field that is missing or of the wrong type, written for an author
 * looking at their frontmatter: what the field is and an example of a valid value.
 * Astro prints them under the file's path when the build fails.
 */
function fieldError(name: string, expected: string, example: string) {
  return {
    error: (issue: { input?: unknown }) =>
      issue.input === undefined
        ? `"${name}" is missing: add ${expected}, e.g. ${name}: ${example}`
        : `"${name}" must be ${expected}, e.g. ${name}: ${example}`,
  };
}

/** Frontmatter every chapter must carry; a missing or malformed field fails the build. */
export const chapterSchema = z.object({
  title: z.string(fieldError('title', 'the chapter title as text', 'What is deep learning')).min(3, '"title" is too short'),
  description: z
    .string(fieldError('description', 'a one-line summary', 'How machines learn rules from examples.'))
    .min(10, '"description" is too short: write one full sentence')
    .max(200, '"description" is too long: keep it to one line (200 characters at most)'),
  chapter: z
    .number(fieldError('chapter', 'the chapter number', '2'))
    .int('"chapter" must be a whole number')
    .positive('"chapter" must be 1 or more'),
  objectives: z
    .array(z.string().min(3), fieldError('objectives', 'a list of what the reader will learn', '["Explain ..."]'))
    .min(1, '"objectives" needs at least one item'),
});

export type ChapterFrontmatter = z.infer<typeof chapterSchema>;

/**
 * Human-readable summary of a schema failure: one line per field, naming the file.
 * Astro reports build failures itself; this gives the same check a stable wording for
 * tests and tools that validate frontmatter outside a build.
 */
export function describeChapterErrors(file: string, data: unknown): string[] {
  const result = chapterSchema.safeParse(data);
  if (result.success) return [];
  return result.error.issues.map(
    (issue) => `${file}: frontmatter field "${issue.path.join('.') || '(root)'}": ${issue.message}`,
  );
}
