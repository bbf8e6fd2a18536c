import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import h5wasm from 'h5wasm/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHdf5, VGG16_ASSETS } from '../../scripts/convert/vgg16-assets.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vgg16-assets-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('VGG16 asset entries', () => {
  it('list the files the converter writes: model.json and 4 MiB shards of the stored weights', () => {
    const [notop, full] = VGG16_ASSETS;
    expect(notop).toMatchObject({ id: 'vgg16-notop', optional: false });
    expect(full).toMatchObject({ id: 'vgg16-full', optional: true });
    // 14,714,688 float16 values = 29,429,376 bytes = 8 shards; 138,357,544 uint8 = 33 shards.
    expect(notop.outputs[0]).toBe('models/vgg16/notop/model.json');
    expect(notop.outputs.slice(1)).toEqual(Array.from({ length: 8 }, (_, i) => `models/vgg16/notop/group1-shard${i + 1}of8.bin`));
    expect(full.outputs).toHaveLength(34);
    expect(full.outputs.at(-1)).toBe('models/vgg16/full/group1-shard33of33.bin');
    expect(notop.downloads[0]).toMatchObject({ size: 58_889_256, md5: '6d6bbae143d832006294945121d1f1fc' });
    expect(notop.downloads[0].urls.every((u) => u.endsWith('/vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5'))).toBe(true);
  });

  it('accept only HDF5 downloads (an HTML error page is refused by name)', async () => {
    await h5wasm.ready;
    const good = join(dir, 'ok.h5');
    new h5wasm.File(good, 'w').close();
    expect(() => checkHdf5(good)).not.toThrow();
    const bad = join(dir, 'page.h5');
    await writeFile(bad, '<!DOCTYPE html><html>Not Found</html>');
    expect(() => checkHdf5(bad)).toThrow(/page\.h5: not an HDF5 file/);
  });
});
