import { describe, expect, it } from 'vitest';
import { activateBackend, fallbackChain, softwareAdapter, softwareReason, softwareWebGL, tfBackendInit } from '../../src/runner/backends.ts';
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
    await expect(init('webgl', true)).rejects.toThrow('webgl failed to initialise (TF.js could not create it)');
  });

  it('runs the preparation (registration) before switching', async () => {
    const tf = fakeTf(['wasm', 'cpu']);
    const prepared: Backend[] = [];
    await tfBackendInit(tf, async (b) => void prepared.push(b))('wasm', true);
    expect(prepared).toEqual(['wasm']);
    expect(tf.getBackend()).toBe('wasm');
  });
});

describe('software renderers', () => {
  it('recognises SwiftShader and other software WebGPU adapters', () => {
    expect(softwareAdapter({ vendor: 'google', architecture: 'swiftshader' })).toBe('swiftshader');
    expect(softwareAdapter({ vendor: 'mesa', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' })).toBe('llvmpipe');
    expect(softwareAdapter({ vendor: 'intel', architecture: 'gen-12lp', isFallbackAdapter: true })).toBe('a fallback adapter');
    expect(softwareAdapter({ vendor: 'nvidia', architecture: 'ampere' })).toBeUndefined();
  });
  it('recognises software WebGL renderers', () => {
    expect(softwareWebGL('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')).toBe('SwiftShader');
    expect(softwareWebGL('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBeUndefined();
  });
  it('auto passes over a software GPU, an explicit choice keeps it', async () => {
    const init = async (b: Backend, explicit: boolean) => {
      if ((b === 'webgpu' || b === 'webgl') && !explicit) throw new Error(softwareReason(b, 'swiftshader'));
    };
    expect((await activateBackend('auto', init)).backend).toBe('wasm');
    expect((await activateBackend('auto', init)).fallbacks[0]!.reason).toBe(
      'webgpu runs on a software renderer (swiftshader) here, slower than WASM; choose it explicitly to use it anyway',
    );
    expect(await activateBackend('webgpu', init)).toEqual({ backend: 'webgpu', fallbacks: [] });
    // An explicit WebGPU that fails falls back to WebGL, which is then not the reader's choice.
    const noWebGPU = async (b: Backend, explicit: boolean) => {
      if (b === 'webgpu') throw new Error('no adapter');
      await init(b, explicit);
    };
    expect((await activateBackend('webgpu', noWebGPU)).backend).toBe('wasm');
  });
});
