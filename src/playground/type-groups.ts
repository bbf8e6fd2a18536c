/**
 * Which declaration files Monaco's TypeScript reads. Every registered file is parsed on
 * start-up, and Transformers.js's (with ONNX Runtime's and sharp's) are over a third of the
 * bundle: they are registered only once some code on the page may need them, which keeps
 * the first error markers of TF.js-only playgrounds about a third faster.
 */

/** Declaration files that only Transformers.js code needs. */
const TRANSFORMERS_FILES = /^node_modules\/(@huggingface|onnxruntime-common|sharp|@img)\//;

/** Code importing Transformers.js, or `course.models` helpers whose types mention it. */
export function needsTransformersTypes(code: string): boolean {
  return /['"]@huggingface\/transformers['"]|\bmodels\b/.test(code);
}

/** The files to register: all of them, or all but Transformers.js's. */
export function selectTypeFiles(files: Record<string, string>, withTransformers: boolean): [string, string][] {
  const entries = Object.entries(files);
  return withTransformers ? entries : entries.filter(([path]) => !TRANSFORMERS_FILES.test(path));
}
