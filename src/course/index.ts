/**
 * `course`: the small library playground code imports next to TF.js. Every output
 * function sends a typed message to the page (see docs/course-api.md); data, models and
 * images helpers come from the data work (issue 4).
 */
export * as data from './data/index.ts';
export * as models from './models/index.ts';
export * as images from './images/index.ts';
export * as rl from './rl/index.ts';

export { log, info, warn, error, notice } from './log.ts';
export { table, type TableData, type TableOptions } from './table.ts';
export { chips, type ChipItem, type ChipsOptions } from './chips.ts';
export { image, imageGrid, type ImageOptions, type ImageGridOptions } from './show-image.ts';
export type { ImageSource, ValueRange } from './pixels.ts';
export {
  lineChart,
  barChart,
  scatterChart,
  progress,
  type LineChart,
  type LineChartOptions,
  type BarChart,
  type BarChartOptions,
  type ScatterChart,
  type ScatterChartOptions,
  type Progress,
  type ProgressOptions,
} from './charts.ts';
export { fitCallbacks, type FitCallbacksOptions } from './fit.ts';
export { drawing, type Drawing, type DrawingOptions, type Shape } from './drawing.ts';
export { param, keep, recall, backend, useBackend, type KeepOptions, type ParamOptions, type RecallOptions } from './kernel.ts';
export { input, type DrawOptions, type PhotoOptions } from './input.ts';
export type { Pixels } from '../runner/protocol.ts';
