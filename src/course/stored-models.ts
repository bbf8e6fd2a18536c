/**
 * The browser side of `keep(..., { persist: true })` and `recall`: a LayersModel's
 * artifacts go to the host's model store with a description (when, by which code), and
 * come back as a model in a later run or after a reload.
 */
import * as tf from '@tensorflow/tfjs';
import type { CourseHost } from './host.ts';
import { input } from './input.ts';
import { artifactBytes } from './model-store.ts';
import { formatWhen } from '../lib/units.ts';

function isLayersModel(value: unknown): value is tf.LayersModel {
  return value instanceof tf.LayersModel;
}

/** Why a browser refused to store, in words a reader can act on. */
export function refusalReason(error: unknown): string {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'QuotaExceededError') return "this site's storage quota is full";
  if (typeof indexedDB === 'undefined' || name === 'InvalidStateError' || name === 'SecurityError') {
    return 'this browser offers no storage here (a private window?)';
  }
  return error instanceof Error ? error.message : String(error);
}

export async function storeModel(host: CourseHost, name: string, value: unknown): Promise<void> {
  if (!isLayersModel(value)) {
    throw new TypeError(`keep("${name}", ..., { persist: true }): only a tf.LayersModel can be stored in the browser`);
  }
  let artifacts: tf.io.ModelArtifacts | undefined;
  await value.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const info = {
    name,
    playground: host.code.path,
    savedAt: Date.now(),
    originalHash: host.code.originals[host.code.path] ?? '',
    edited: host.code.edited,
    bytes: artifactBytes(artifacts!),
  };
  try {
    await host.modelStore.save(info, artifacts!);
  } catch (error) {
    host.emit({
      kind: 'html-note',
      tone: 'warning',
      text: `"${name}" could not be stored in this browser (${refusalReason(error)}). It stays available to the playgrounds on this page until it closes; after a reload, run this playground again.`,
    });
    return;
  }
  host.emit({ kind: 'stored-model', action: 'saved', info });
}

/** The stored model `name` as a LayersModel, or undefined when there is none to use. */
export async function loadStoredModel(host: CourseHost, name: string, from: string): Promise<tf.LayersModel | undefined> {
  let stored: Awaited<ReturnType<CourseHost['modelStore']['load']>>;
  try {
    stored = await host.modelStore.load(name);
  } catch {
    return undefined; // No storage here: as if nothing was stored.
  }
  if (!stored) return undefined;
  const shipped = host.code.originals[stored.info.playground];
  if (shipped !== undefined && shipped !== stored.info.originalHash) {
    const choice = await input.choose(
      `"${name}" in this browser was trained on ${formatWhen(stored.info.savedAt)} by an older version of the playground "${from}". Use it anyway, or run "${from}" again first?`,
      ['Use the stored model', 'Train it again'],
    );
    if (choice !== 0) return undefined;
  }
  const model = await tf.loadLayersModel(tf.io.fromMemory(stored.artifacts));
  host.emit({ kind: 'stored-model', action: 'loaded', info: stored.info });
  return model;
}
