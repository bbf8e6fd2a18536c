/**
 * The Node host: runs playground code under vitest (or a script) with TF.js on the WASM
 * or CPU backend, records every output for assertions, reads assets from a directory
 * (the site's `public/`) and decodes images with sharp.
 */
import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { CourseHost, ProgressCallback, RunCode } from '../host.ts';
import { memoryModelStore, type ModelStore } from '../model-store.ts';
import { decodeImageNode } from '../images/decode-node.ts';
import { activateBackend, tfBackendInit, type BackendResult } from '../../runner/backends.ts';
import type { BackendChoice, InputRequest, InputValue, Output, Params } from '../../runner/protocol.ts';

export type InputAnswer = (request: InputRequest) => InputValue | Promise<InputValue>;

export interface NodeHostOptions {
  /** Directory `fetchAsset` paths are under: the project's `public/`. */
  assetDir: string;
  params?: Params;
  /** Answers `input.draw` / `input.photo`; without it they reject. */
  answer?: InputAnswer;
  /** Kept values, shared between runs that stand for one page. */
  kept?: Map<string, unknown>;
  /** Stored models, shared between runs that stand for reloads of a page; default a new empty one. */
  modelStore?: ModelStore;
  code?: RunCode;
}

export interface NodeHost extends CourseHost {
  kind: 'node';
  /** Every output of the run, in order. */
  outputs: Output[];
}

export function createNodeHost(options: NodeHostOptions): NodeHost {
  const root = resolve(options.assetDir);
  const outputs: Output[] = [];
  return {
    kind: 'node',
    outputs,
    params: options.params ?? {},
    assetRoot: root,
    kept: options.kept ?? new Map(),
    modelStore: options.modelStore ?? memoryModelStore(),
    code: options.code ?? { path: 'playground.ts', originals: {}, edited: false },
    emit(output) {
      outputs.push(output);
    },
    async request(req) {
      if (!options.answer) {
        throw new Error(`input.${req.kind}: the Node host has no reader to ask ("${req.prompt}"); pass an answer function to the host`);
      }
      return options.answer(req);
    },
    async fetchAsset(path: string, onProgress?: ProgressCallback) {
      const file = resolve(root, path);
      if (!file.startsWith(root + sep)) throw new Error(`asset "${path}" is outside ${root}`);
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await readFile(file));
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new Error(code === 'ENOENT' ? `asset "${path}" not found: ${file} does not exist` : `asset "${path}": ${(err as Error).message}`);
      }
      onProgress?.(bytes.length, bytes.length);
      return bytes;
    },
    decodeImage: decodeImageNode,
    importTransformers: () => import('@huggingface/transformers'),
    switchBackend: (backend) => initNodeBackend(backend, true),
  };
}

/**
 * Activates a TF.js backend in Node: 'wasm' (tfjs-backend-wasm, loaded on first use)
 * or 'cpu'. WebGPU and WebGL need a browser and fall back like in one.
 */
export async function activateNodeBackend(choice: BackendChoice): Promise<BackendResult> {
  const result = await activateBackend(choice, initNodeBackend);
  // The CPU backend's first tensor prints a "install tfjs-node" banner through
  // console.warn; letting that happen here keeps it out of the first run's outputs.
  tf.dispose(tf.scalar(0));
  return result;
}

const initNodeBackend = tfBackendInit(tf, async (backend) => {
  if (backend === 'webgpu' || backend === 'webgl') throw new Error(`${backend} needs a browser; Node has none`);
  if (backend === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
});
