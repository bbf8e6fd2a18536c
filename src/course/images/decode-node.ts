/**
 * The Node host's image decoder (CourseHost.decodeImage), with sharp. EXIF
 * orientation is applied, as browsers do by default, so both hosts see the same
 * upright pixels.
 */
import sharp from 'sharp';
import type { Pixels } from '../../runner/protocol.ts';
import { requireImageType } from './sniff.ts';

export async function decodeImageNode(bytes: Uint8Array, name: string): Promise<Pixels> {
  const type = requireImageType(bytes, name);
  try {
    const { data, info } = await sharp(bytes, { pages: 1 }).autoOrient().ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength) };
  } catch (e) {
    throw new Error(`${name}: looks like ${type.toUpperCase()} but could not be decoded (${(e as Error).message})`);
  }
}
