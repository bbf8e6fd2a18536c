import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { io } from '@tensorflow/tfjs';
import { artifactBytes, browserModelStore } from '../../src/course/model-store.ts';
import { describeStored, savedSummary } from '../../src/playground/saved-models.ts';
import { hasSavedMarker, markSaved, type KeyValueStore } from '../../src/playground/persistence.ts';
import type { StoredModelInfo } from '../../src/runner/protocol.ts';

const artifacts = (weights: number): io.ModelArtifacts => ({
  modelTopology: { class_name: 'Sequential', config: { layers: [] } },
  weightSpecs: [{ name: 'w', shape: [weights], dtype: 'float32' }],
  weightData: new Float32Array(weights).fill(0.5).buffer,
});
const info = (name: string, playground: string, bytes: number): StoredModelInfo => ({
  name,
  playground,
  savedAt: Date.UTC(2026, 11, 1, 10, 31),
  originalHash: '0123456789abcdef',
  edited: false,
  bytes,
});

describe('models stored in IndexedDB', () => {
  it('saves, lists, loads, forgets one and forgets all', async () => {
    const store = browserModelStore();
    await store.clear();
    const a = artifacts(4);
    await store.save(info('a', 'mnist/train.ts', artifactBytes(a)), a);
    await store.save(info('b', 'other.ts', 10), artifacts(2));
    expect((await store.list()).map((m) => m.name).sort()).toEqual(['a', 'b']);
    const loaded = await store.load('a');
    expect(loaded?.info.playground).toBe('mnist/train.ts');
    expect([...new Float32Array(loaded!.artifacts.weightData as ArrayBuffer)]).toEqual([0.5, 0.5, 0.5, 0.5]);
    await store.remove('a');
    expect(await store.load('a')).toBeUndefined();
    expect((await store.list()).map((m) => m.name)).toEqual(['b']);
    await store.clear();
    expect(await store.list()).toEqual([]);
  });

  it('counts topology JSON and every weight buffer', () => {
    const a = artifacts(4);
    const topology = JSON.stringify(a.modelTopology).length;
    expect(artifactBytes(a)).toBe(topology + 16);
    expect(artifactBytes({ ...a, weightData: [new ArrayBuffer(8), new ArrayBuffer(24)] })).toBe(topology + 32);
  });
});

describe('the saved-models strip', () => {
  it('describes this playground\'s models and the size of everything stored', () => {
    const mine = [info('mnist-model', 'mnist/train.ts', 2_678_824)];
    const all = [...mine, info('other', 'x.ts', 1_000_000)];
    const summary = savedSummary(mine, all)!;
    expect(summary.text).toMatch(/^Saved in this browser: “mnist-model”, trained .*2026.*, 2\.7 MB\.$/);
    expect(summary.forgetAll).toBe('Forget all saved models (2, 3.7 MB)');
    expect(savedSummary([], all)).toBeUndefined();
    expect(describeStored({ ...mine[0]!, edited: true })).toContain('with your edited code');
  });

  it('keeps a marker per playground so the page can show the strip on load', () => {
    const map = new Map<string, string>();
    const store: KeyValueStore = { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
    expect(hasSavedMarker(store, 'mnist/train.ts')).toBe(false);
    markSaved(store, 'mnist/train.ts', true);
    expect(hasSavedMarker(store, 'mnist/train.ts')).toBe(true);
    expect(hasSavedMarker(store, 'mnist/draw.ts')).toBe(false);
    markSaved(store, 'mnist/train.ts', false);
    expect(hasSavedMarker(store, 'mnist/train.ts')).toBe(false);
  });
});
