import { describe, expect, it } from 'vitest';
import { modelSource } from '../../src/playground/model-source.ts';

describe('modelSource', () => {
  it('is the hub (undefined) when the deployment sets nothing', () => {
    expect(modelSource({})).toBeUndefined();
    expect(modelSource({ PUBLIC_MODELS_PATH: '', PUBLIC_ALLOW_REMOTE_MODELS: '' })).toBeUndefined();
  });

  it('serves models from the site, local only', () => {
    expect(modelSource({ PUBLIC_MODELS_PATH: 'models/hf/', PUBLIC_ALLOW_REMOTE_MODELS: 'False' })).toEqual({
      localModelPath: 'models/hf/',
      allowRemoteModels: false,
    });
  });

  it('takes a hub mirror', () => {
    expect(modelSource({ PUBLIC_MODELS_HOST: 'https://mirror.example/' })).toEqual({ remoteHost: 'https://mirror.example/' });
  });

  it('rejects a flag that is neither true nor false, naming the variable', () => {
    expect(() => modelSource({ PUBLIC_ALLOW_REMOTE_MODELS: 'no' })).toThrow(/PUBLIC_ALLOW_REMOTE_MODELS must be "true" or "false", got "no"/);
  });
});
