/**
 * `fitCallbacks`: live training charts for `model.fit` / `model.fitDataset` in one line,
 * like tfjs-vis `show.fitCallbacks`.
 */
import * as tf from '@tensorflow/tfjs';
import { lineChart, progress, type LineChart, type Progress } from './charts.ts';

export interface FitCallbacksOptions {
  /**
   * Metrics to plot, as TF.js names them in `logs` (`loss`, `acc`, `val_loss`,
   * `val_acc`, ...). Default: every metric the model reports.
   */
  metrics?: string[];
  /** Only needed for `fitDataset` without `epochs` known up front. */
  epochs?: number;
  /** Batches per epoch, for `fitDataset` (TF.js can't know a dataset's length). */
  batchesPerEpoch?: number;
  /** Chart title prefix. Default "Training". */
  title?: string;
  /** Draw the per-epoch curves of earlier runs faded beside this run's (see `lineChart`). */
  compareRuns?: boolean;
}

interface FitParams {
  epochs?: number;
  initialEpoch?: number;
  samples?: number;
  steps?: number | null;
  batchSize?: number;
  metrics?: string[];
}

/**
 * Unlike the plain-object callbacks TF.js wraps, a Callback subclass may receive metric
 * values as scalar tensors (TF.js disposes them after the callbacks).
 */
async function metricValue(logs: tf.Logs | undefined, name: string): Promise<number | undefined> {
  const v: unknown = logs?.[name];
  if (typeof v === 'number') return v;
  if (v instanceof tf.Tensor && v.size === 1) return (await v.data())[0];
  return undefined;
}

/**
 * How often per-batch metrics are read. Reading a value from a GPU waits for all queued
 * work, so reading every batch's loss made the runner's WebGL training half as fast as
 * the same fit without callbacks (npm run bench -- mnist). The values stay on the device
 * and are read together a few times a second, and training does not wait for the read:
 * awaiting even those few reads still cost a third of the speed on WebGL.
 */
const READ_EVERY_MS = 250;

/** Per-batch scalars waiting on the device, read in groups without holding up training. */
class DeferredPoints {
  private waiting: { metric: string; x: number; value: tf.Tensor }[] = [];
  private lastRead = performance.now();
  /** Reads in flight, chained so their points arrive in batch order. */
  private reading: Promise<void> = Promise.resolve();

  // A plain field, not a parameter property: Node runs src/course as is (reference scripts), and its type stripping cannot rewrite those.
  private readonly push: (metric: string, x: number, y: number) => void;

  constructor(push: (metric: string, x: number, y: number) => void) {
    this.push = push;
  }

  add(metric: string, x: number, value: tf.Tensor): void {
    // TF.js disposes the logs after the callbacks; a clone shares the data and keeps it.
    this.waiting.push({ metric, x, value: value.clone() });
  }

  readIfDue(): void {
    if (performance.now() - this.lastRead >= READ_EVERY_MS) this.read();
  }

  /** Starts reading every waiting value; the points are pushed once they arrive. */
  read(): void {
    this.lastRead = performance.now();
    if (this.waiting.length === 0) return;
    const group = this.waiting;
    this.waiting = [];
    const values = group.map((w) => w.value);
    // Reads started together finish together, after one wait for the device. (Not one
    // tf.stack: on WebGL every new count of inputs would compile another shader.)
    const data = Promise.all(values.map((v) => v.data())).finally(() => tf.dispose(values));
    this.reading = Promise.all([this.reading, data]).then(([, read]) => group.forEach((w, i) => this.push(w.metric, w.x, read[i]![0]!)));
  }

  /** Reads what is waiting and resolves when every point has been pushed. */
  async flush(): Promise<void> {
    this.read();
    await this.reading;
  }
}

class CourseFitCallbacks extends tf.Callback {
  private batchChart: LineChart | undefined;
  private epochChart: LineChart | undefined;
  private bar: Progress | undefined;
  private metrics: string[] = [];
  private batchMetrics: string[] = [];
  private batchesPerEpoch: number | undefined;
  private epochs = 1;
  private epoch = 0;
  private batchesDone = 0;
  private readonly deferred = new DeferredPoints((metric, x, y) => this.batchChart?.push(metric, x, y));
  private readonly options: FitCallbacksOptions;

  constructor(options: FitCallbacksOptions) {
    super();
    this.options = options;
  }

  override async onTrainBegin(): Promise<void> {
    const p = this.params as FitParams;
    this.epochs = this.options.epochs ?? p.epochs ?? 1;
    this.batchesPerEpoch =
      this.options.batchesPerEpoch ??
      (p.steps ?? undefined) ??
      (p.samples !== undefined && p.batchSize ? Math.ceil(p.samples / p.batchSize) : undefined);
    this.metrics = this.options.metrics ?? p.metrics ?? ['loss'];
    // Validation metrics only exist at the end of an epoch.
    this.batchMetrics = this.metrics.filter((m) => !m.startsWith('val_'));
    const title = this.options.title ?? 'Training';
    this.batchChart = lineChart({ title: `${title}: per batch`, series: this.batchMetrics, xLabel: 'batch' });
    this.epochChart = lineChart({ title: `${title}: per epoch`, series: this.metrics, xLabel: 'epoch', compareRuns: this.options.compareRuns ?? false });
    this.bar = this.batchesPerEpoch
      ? progress(`${title}: epoch 1/${this.epochs}`, this.epochs * this.batchesPerEpoch)
      : progress(`${title}: epochs`, this.epochs);
    this.batchesDone = 0;
  }

  override async onEpochBegin(epoch: number): Promise<void> {
    this.epoch = epoch - ((this.params as FitParams).initialEpoch ?? 0);
  }

  override async onBatchEnd(_batch: number, logs?: tf.Logs): Promise<void> {
    this.batchesDone++;
    for (const m of this.batchMetrics) {
      const v: unknown = logs?.[m];
      if (v instanceof tf.Tensor && v.size === 1) this.deferred.add(m, this.batchesDone, v);
      else if (typeof v === 'number') this.batchChart?.push(m, this.batchesDone, v);
    }
    this.deferred.readIfDue();
    if (this.batchesPerEpoch) this.bar?.update(this.batchesDone, `${this.options.title ?? 'Training'}: epoch ${this.epoch + 1}/${this.epochs}`);
  }

  override async onEpochEnd(epoch: number, logs?: tf.Logs): Promise<void> {
    this.deferred.read();
    for (const m of this.metrics) {
      const v = await metricValue(logs, m);
      if (v !== undefined) this.epochChart?.push(m, epoch + 1, v);
    }
    if (!this.batchesPerEpoch) this.bar?.update(this.epoch + 1);
  }

  override async onTrainEnd(): Promise<void> {
    // The per-batch chart is complete, and no clone is left, when fit returns.
    await this.deferred.flush();
    this.bar?.done();
  }
}

/**
 * Callbacks for `model.fit` that chart loss and metrics per batch and per epoch and show
 * a progress bar.
 *
 * @example await model.fit(xs, ys, { epochs: 5, validationSplit: 0.1, callbacks: fitCallbacks() });
 */
export function fitCallbacks(options: FitCallbacksOptions = {}): tf.Callback {
  return new CourseFitCallbacks(options);
}
