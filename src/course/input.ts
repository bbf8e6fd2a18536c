/** Asking the reader for input: the worker sends a request, the page answers. */
import type { InputValue, Pixels } from '../runner/protocol.ts';
import { getHost } from './host.ts';

export interface DrawOptions {
  prompt?: string;
  /** Size of the returned pixels (the pad may be shown larger). Default 28x28. */
  width?: number;
  height?: number;
}

export interface PhotoOptions {
  prompt?: string;
  /** Offer the webcam next to choosing a file. Default true. */
  allowWebcam?: boolean;
  /** 'square' outlines the middle square on the webcam preview, for code that keeps only that (a centre crop). */
  guide?: 'square';
}

async function toPixels(value: InputValue, what: string): Promise<Pixels> {
  if (value.kind === 'pixels') return value.pixels;
  if (value.kind !== 'file') throw new Error(`input: expected an image for the ${what}, got a ${value.kind}`);
  return getHost().decodeImage(value.bytes, value.name || what);
}

export const input = {
  /**
   * Shows a drawing pad and waits for the reader's drawing: RGBA pixels, white strokes
   * on black (like MNIST digits).
   *
   * @example const digit = await input.draw({ prompt: 'Draw a digit', width: 28, height: 28 });
   */
  async draw(options: DrawOptions = {}): Promise<Pixels> {
    const value = await getHost().request({
      kind: 'draw',
      prompt: options.prompt ?? 'Draw here',
      width: options.width ?? 28,
      height: options.height ?? 28,
    });
    return toPixels(value, 'drawing');
  },

  /**
   * Asks for a photo (a file, or the webcam) and returns its RGBA pixels.
   *
   * @example const photo = await input.photo({ prompt: 'A photo of a dog' });
   */
  async photo(options: PhotoOptions = {}): Promise<Pixels> {
    const value = await getHost().request({
      kind: 'photo',
      prompt: options.prompt ?? 'Choose a photo',
      allowWebcam: options.allowWebcam ?? true,
      ...(options.guide && { guide: options.guide }),
    });
    return toPixels(value, 'photo');
  },

  /**
   * Shows `prompt` with one button per choice and resolves with the index pressed.
   *
   * @example const i = await input.choose('Which model?', ['small', 'large']);
   */
  async choose(prompt: string, choices: string[]): Promise<number> {
    const value = await getHost().request({ kind: 'choice', prompt, choices });
    if (value.kind !== 'choice' || !(value.index >= 0 && value.index < choices.length)) {
      throw new Error(`input.choose: expected one of ${choices.length} choices, got ${JSON.stringify(value)}`);
    }
    return value.index;
  },
};
