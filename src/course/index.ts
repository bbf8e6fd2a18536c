/**
 * `course`: the small library playground code imports next to TF.js.
 * Output functions are added by the runner work (issue 3); data, models and images by
 * the data work (issue 4).
 */
export * as data from './data/index.ts';
export * as models from './models/index.ts';
export * as images from './images/index.ts';
