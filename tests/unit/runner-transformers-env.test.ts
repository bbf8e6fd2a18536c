import { describe, expect, it } from 'vitest';
import { configureTransformers, type TransformersEnv } from '../../src/runner/transformers-env.ts';

function fakeEnv(): TransformersEnv {
  return {
    allowRemoteModels: true,
    allowLocalModels: false,
    remoteHost: 'https://huggingface.co/',
    localModelPath: '/models/',
    backends: { onnx: { wasm: { wasmPaths: 'https://cdn.jsdelivr.net/npm/onnxruntime-web/dist/' } } },
  };
}
const ORT = { mjs: '/course/assets/ort-abc.mjs', wasm: '/course/assets/ort-abc.wasm' };

describe('configureTransformers', () => {
  it('serves ONNX Runtime from the site and models from the hub by default', () => {
    const env = fakeEnv();
    configureTransformers(env, ORT, 'https://site.example/course/');
    expect(env.backends.onnx?.wasm?.wasmPaths).toEqual({
      mjs: 'https://site.example/course/assets/ort-abc.mjs',
      wasm: 'https://site.example/course/assets/ort-abc.wasm',
    });
    expect(env).toMatchObject({ remoteHost: 'https://huggingface.co/', allowRemoteModels: true, allowLocalModels: false });
  });

  it('points models at the site or a mirror when the deployment says so, and back again', () => {
    const env = fakeEnv();
    configureTransformers(env, ORT, 'https://site.example/course/', { localModelPath: 'models/hf/', allowRemoteModels: false, remoteHost: 'https://mirror.example/' });
    expect(env).toMatchObject({
      allowLocalModels: true,
      localModelPath: '/course/models/hf/',
      allowRemoteModels: false,
      remoteHost: 'https://mirror.example/',
    });
    configureTransformers(env, ORT, 'https://site.example/course/');
    expect(env).toMatchObject({ allowLocalModels: false, allowRemoteModels: true, remoteHost: 'https://huggingface.co/' });
  });

  it('gives ONNX Runtime the threads the kernel can have: one unless isolated', () => {
    const env = fakeEnv();
    configureTransformers(env, ORT, 'https://site.example/course/');
    expect(env.backends.onnx?.wasm?.numThreads).toBe(1);
    configureTransformers(env, ORT, 'https://site.example/course/', {}, 8);
    expect(env.backends.onnx?.wasm?.numThreads).toBe(8);
  });
});
