import { describe, expect, it } from 'vitest';
import { activateBackend, fallbackChain, tfBackendInit } from '../../src/runner/backends.ts';
import type { Backend } from '../../src/runner/protocol.ts';

describe('fallbackChain', () => {
  it('auto tries every backend, fastest first', () => {
    expect(fallbackChain('auto')).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
  });
  it('an explicit choice falls back down the same order', () => {
    expect(fallbackChain('webgl')).toEqual(['webgl', 'wasm', 'cpu']);
    expect(fallbackChain('cpu')).toEqual(['cpu']);
  });
  it('rejects unknown names', () => {
    expect(() => fallbackChain('tpu' as Backend)).toThrow(/Unknown backend "tpu"/);
  });
});

describe('activateBackend', () => {
  it('reports every fallback with its reason', async () => {
    const tried: Backend[] = [];
    const result = await activateBackend('auto', async (b) => {
      tried.push(b);
      if (b === 'webgpu') throw new Error('WebGPU offers no adapter on this device');
      if (b === 'webgl') throw new Error('WebGL is not available');
    });
    expect(tried).toEqual(['webgpu', 'webgl', 'wasm']);
    expect(result).toEqual({
      backend: 'wasm',
      fallbacks: [
        { backend: 'webgpu', reason: 'WebGPU offers no adapter on this device' },
        { backend: 'webgl', reason: 'WebGL is not available' },
      ],
    });
  });

  it('fails with every reason when nothing starts', async () => {
    await expect(activateBackend('wasm', async (b) => { throw new Error(`${b} broken`); })).rejects.toThrow(
      'No TF.js backend could start: wasm: wasm broken; cpu: cpu broken',
    );
  });
});

describe('tfBackendInit', () => {
  function fakeTf(working: string[]) {
    let current: string | null = null;
    return {
      getBackend: () => current,
      engine: () => ({ backendName: current }),
      ready: async () => {},
      setBackend: async (name: string) => {
        if (!working.includes(name)) return false;
        current = name;
        return true;
      },
    };
  }

  it('turns a false from tf.setBackend into an error naming the backend', async () => {
    const init = tfBackendInit(fakeTf(['cpu']), async () => {});
    await expect(init('webgl')).rejects.toThrow('webgl failed to initialise (TF.js could not create it)');
  });

  it('runs the preparation (registration) before switching', async () => {
    const tf = fakeTf(['wasm', 'cpu']);
    const prepared: Backend[] = [];
    await tfBackendInit(tf, async (b) => void prepared.push(b))('wasm');
    expect(prepared).toEqual(['wasm']);
    expect(tf.getBackend()).toBe('wasm');
  });
});
