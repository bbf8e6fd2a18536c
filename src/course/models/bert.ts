/**
 * BERT with Transformers.js: a fill-mask pipeline that shows its download as a byte
 * progress bar. Models come from the Hugging Face hub by default and stay in the
 * browser's Cache Storage (Transformers.js' `env.useBrowserCache`), so a second visit
 * does not download them again; docs/models.md says how a deployment serves them from
 * the site instead.
 */
import type { DataType, DeviceType, FillMaskPipeline, ProgressInfo } from '@huggingface/transformers';
import { progress, type Progress } from '../charts.ts';
import { getHost } from '../host.ts';

export const DEFAULT_FILL_MASK_MODEL = 'Xenova/bert-base-uncased';

/**
 * A Transformers.js `progress_callback` that draws one byte progress bar for all the
 * files of a model (their `progress_total` events).
 */
export function downloadProgress(label: string): (info: ProgressInfo) => void {
  let bar: Progress | undefined;
  return (info) => {
    if (info.status !== 'progress_total' || !(info.total > 0)) return;
    // The total grows when the library discovers another file: one bar, a larger total.
    if (!bar) bar = progress(label, info.total, { unit: 'bytes' });
    else bar.setTotal(info.total);
    if (info.loaded >= info.total) bar.done();
    else bar.update(info.loaded);
  };
}

export interface FillMaskOptions {
  /** Show a download progress bar (default true). */
  progress?: boolean;
  /** Weights variant, e.g. 'q8' (Transformers.js' WASM default, 4x smaller) or 'fp32'. */
  dtype?: DataType;
  device?: DeviceType;
}

/**
 * Loads a masked-language-model pipeline:
 *
 * @example
 * const unmasker = await course.models.fillMask();
 * const guesses = await unmasker('Paris is the [MASK] of France.', { top_k: 5 });
 */
export async function fillMask(modelId: string = DEFAULT_FILL_MASK_MODEL, options: FillMaskOptions = {}): Promise<FillMaskPipeline> {
  const host = getHost();
  const { pipeline } = await host.importTransformers();
  return pipeline('fill-mask', modelId, {
    ...(options.dtype !== undefined && { dtype: options.dtype }),
    ...(options.device !== undefined && { device: options.device }),
    ...(options.progress !== false && { progress_callback: downloadProgress(`Downloading ${modelId}`) }),
  });
}
