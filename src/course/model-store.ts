/**
 * Trained models kept in the reader's browser across reloads (`keep(name, model,
 * { persist: true })`). Our own IndexedDB layout rather than TF.js's `indexeddb://`, so
 * the page can list and forget models without loading TF.js: one database holds the
 * small descriptions, another the model artifacts (topology and weights).
 */
import { clear, createStore, del, get, set, values, type UseStore } from 'idb-keyval';
import type { io } from '@tensorflow/tfjs';
import type { StoredModelInfo } from '../runner/protocol.ts';

export interface ModelStore {
  /** Rejects when the browser refuses (quota, no IndexedDB); the message says why. */
  save(info: StoredModelInfo, artifacts: io.ModelArtifacts): Promise<void>;
  /** The stored model, or undefined when there is none (or its data is gone). */
  load(name: string): Promise<{ info: StoredModelInfo; artifacts: io.ModelArtifacts } | undefined>;
  list(): Promise<StoredModelInfo[]>;
  remove(name: string): Promise<void>;
  clear(): Promise<void>;
}

/** Bytes a model's artifacts take: its JSON topology and its weight buffers. */
export function artifactBytes(artifacts: io.ModelArtifacts): number {
  const topology = artifacts.modelTopology ? new TextEncoder().encode(JSON.stringify(artifacts.modelTopology)).length : 0;
  const weights = artifacts.weightData;
  const weightBytes = !weights ? 0 : Array.isArray(weights) ? weights.reduce((n, b) => n + b.byteLength, 0) : weights.byteLength;
  return topology + weightBytes;
}

let stores: { info: UseStore; data: UseStore } | undefined;

/** The browser's store (page and kernel worker see the same databases). */
export function browserModelStore(): ModelStore {
  stores ??= { info: createStore('dlb-models', 'info'), data: createStore('dlb-model-data', 'artifacts') };
  const { info, data } = stores;
  return {
    async save(description, artifacts) {
      // Data first: a description always points at data that exists.
      await set(description.name, artifacts, data);
      await set(description.name, description, info);
    },
    async load(name) {
      const description = await get<StoredModelInfo>(name, info);
      if (!description) return undefined;
      const artifacts = await get<io.ModelArtifacts>(name, data);
      return artifacts ? { info: description, artifacts } : undefined;
    },
    list: () => values<StoredModelInfo>(info),
    async remove(name) {
      await del(name, info);
      await del(name, data);
    },
    async clear() {
      await clear(info);
      await clear(data);
    },
  };
}

/** A store that lives as long as the object: Node tests stand for a browser with it. */
export function memoryModelStore(): ModelStore {
  const map = new Map<string, { info: StoredModelInfo; artifacts: io.ModelArtifacts }>();
  return {
    async save(info, artifacts) {
      map.set(info.name, { info, artifacts });
    },
    load: async (name) => map.get(name),
    list: async () => [...map.values()].map((m) => m.info),
    remove: async (name) => void map.delete(name),
    clear: async () => map.clear(),
  };
}
