/**
 * The pure parts of course.models' Transformers.js helpers: the one-sentence message for a
 * model that did not load (from the errors Transformers.js 4 throws), the device choice,
 * and the test-fixture marker.
 */
import { describe, expect, it } from 'vitest';
import { chooseDevice, describeDownload, describeLoadFailure, testFixtureNote } from '../../src/course/models/bert.ts';

const ID = 'Xenova/bert-base-uncased';

describe('describeLoadFailure', () => {
  it('a file the site does not serve, with remote models off', () => {
    const error = new Error('`local_files_only=true` or `env.allowRemoteModels=false` and file was not found locally at "/deep-learning-in-the-browser/models/hf/Xenova/bert-base-uncased/onnx/model_quantized.onnx".');
    expect(describeLoadFailure(ID, error)).toBe(
      'Could not load the model "Xenova/bert-base-uncased": this site does not serve its file onnx/model_quantized.onnx, and this deployment does not download models from the Hugging Face hub. Choose a model the site serves, or mirror this one into it (docs/models.md).',
    );
  });

  it('hub answers: 404, 401 and a server error name the file and the status', () => {
    const url = 'https://huggingface.co/Xenova/bert-base-uncased/resolve/main/onnx/model.onnx';
    expect(describeLoadFailure(ID, new Error(`Could not locate file: "${url}".`))).toBe(
      'Could not load the model "Xenova/bert-base-uncased": the hub has no file onnx/model.onnx for it (404). Check the model id, or try another dtype.',
    );
    expect(describeLoadFailure('nobody/nothing', new Error('Unauthorized access to file: "https://huggingface.co/nobody/nothing/resolve/main/config.json".'))).toBe(
      'Could not load the model "nobody/nothing": the hub refused config.json (401). The id may be misspelt, or the model private or gated.',
    );
    expect(describeLoadFailure(ID, new Error(`Service unavailable error occurred while trying to load file: "${url}".`))).toMatch(
      /^Could not load the model "Xenova\/bert-base-uncased": downloading onnx\/model.onnx failed \(service unavailable error\)\. Try again later\.$/,
    );
  });

  it('offline or blocked: the fetch TypeError of Chromium and of Node', () => {
    for (const message of ['Failed to fetch', 'fetch failed', 'NetworkError when attempting to fetch resource.']) {
      expect(describeLoadFailure(ID, new TypeError(message))).toMatch(/^Could not load the model "Xenova\/bert-base-uncased": its files could not be downloaded\. The browser may be offline/);
    }
  });

  it("a tokenizer whose files were not found (Transformers.js then reads a config it never got)", () => {
    expect(describeLoadFailure(ID, new TypeError("Cannot read properties of undefined (reading 'tokenizer_class')"))).toBe(
      'Could not load the model "Xenova/bert-base-uncased": its tokenizer_config.json was not found, neither on this site nor on the hub (where this deployment downloads from it). Check the model id; offline, the hub can\'t be reached.',
    );
  });

  it('anything else keeps its first line only', () => {
    expect(describeLoadFailure(ID, new Error('Unsupported model type: foo\n    at somewhere (x.js:1:1)'))).toBe('Could not load the model "Xenova/bert-base-uncased": Unsupported model type: foo');
    expect(describeLoadFailure(ID, 'boom')).toBe('Could not load the model "Xenova/bert-base-uncased": boom');
  });
});

describe('chooseDevice', () => {
  it('WebGPU only on a hardware adapter, WASM otherwise, the CPU runtime in Node', () => {
    expect(chooseDevice('node', undefined).device).toBe('cpu');
    expect(chooseDevice('browser', undefined)).toEqual({ device: 'wasm', reason: 'this browser has no WebGPU' });
    expect(chooseDevice('browser', null)).toEqual({ device: 'wasm', reason: 'WebGPU found no GPU adapter' });
    expect(chooseDevice('browser', { vendor: 'google', architecture: 'swiftshader' })).toEqual({
      device: 'wasm',
      reason: 'the only WebGPU adapter is a software renderer (swiftshader), slower than WASM',
    });
    expect(chooseDevice('browser', { vendor: 'nvidia', architecture: 'ampere' })).toEqual({ device: 'webgpu', reason: 'WebGPU on nvidia ampere' });
  });
});

describe('testFixtureNote', () => {
  it('finds the marker on a model, a pipeline or a tokenizer, and nothing on a real model', () => {
    const marked = { test_fixture: 'a tiny test model' };
    expect(testFixtureNote({ config: marked })).toBe('a tiny test model');
    expect(testFixtureNote({ model: { config: marked }, tokenizer: { config: {} } })).toBe('a tiny test model');
    expect(testFixtureNote({ config: { model_type: 'bert' } })).toBeUndefined();
    expect(testFixtureNote(null)).toBeUndefined();
    expect(testFixtureNote(3)).toBeUndefined();
  });
});

describe('describeDownload', () => {
  it('the files still to download, their total and the largest; nothing when all are cached', () => {
    const files = [
      { file: 'config.json', size: 570, fromCache: false },
      { file: 'onnx/model_quantized.onnx', size: 110_970_000, fromCache: false },
      { file: 'tokenizer.json', size: 711_000, fromCache: true },
    ];
    expect(describeDownload(ID, 'q8', files)).toBe(
      "Xenova/bert-base-uncased (q8): 2 files to download, 111.0 MB (onnx/model_quantized.onnx: 111.0 MB). The browser keeps them, so later runs and reloads don't download them again.",
    );
    expect(describeDownload(ID, 'q8', files.map((f) => ({ ...f, fromCache: true })))).toBe("Xenova/bert-base-uncased (q8) is in this browser's cache: nothing to download.");
    expect(describeDownload(ID, 'fp32', [{ file: 'onnx/model.onnx' }])).toBe(
      "Xenova/bert-base-uncased (fp32): 1 file to download, 0.0 kB plus 1 of unknown size. The browser keeps them, so later runs and reloads don't download them again.",
    );
  });
});
