/**
 * The localStorage keys of what a reader keeps per playground. Apart from the modules that
 * read and write them, so the island (loaded on every page) checks them without their code.
 */

/** The reader's edit of a playground (persistence.ts). */
export const editKey = (playgroundPath: string): string => `dlb-playground:${playgroundPath}`;

/** Parameter values changed with the controls (params.ts). */
export const paramsKey = (playgroundPath: string): string => `dlb-params:${playgroundPath}`;

/** Set while the playground has a model stored in the browser (saved-models.ts). */
export const savedModelKey = (playgroundPath: string): string => `dlb-models:${playgroundPath}`;
