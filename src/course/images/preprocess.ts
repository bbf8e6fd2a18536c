/**
 * From decoded RGBA pixels to a model's input tensor: channel selection, centre
 * crop or stretch, resize, and normalisation (0..1, or VGG16's ImageNet "caffe"
 * preprocessing).
 */
import * as tf from '@tensorflow/tfjs';
import type { Pixels } from '../../runner/protocol.ts';
import { centerCropBox, type Box } from './crop.ts';

/** ImageNet channel means in BGR order, subtracted by Keras' VGG16 `preprocess_input`. */
export const VGG16_MEAN_BGR: readonly [number, number, number] = [103.939, 116.779, 123.68];

export type Normalization = 'none' | 'unit' | 'vgg16';

export interface InputSpec {
  width: number;
  height: number;
  /** 'crop' keeps the centre at the target aspect ratio (default); 'stretch' squeezes the whole photo. */
  fit?: 'crop' | 'stretch';
  /** 3 = RGB (default), 1 = grey (luma). */
  channels?: 1 | 3;
  /** 'none': 0..255 (default); 'unit': 0..1; 'vgg16': BGR minus the ImageNet means (needs 3 channels). */
  normalize?: Normalization;
}

export const VGG16_INPUT: Readonly<InputSpec> = { width: 224, height: 224, fit: 'crop', channels: 3, normalize: 'vgg16' };

/**
 * float32 [height, width, channels] with values 0..255 (alpha dropped), of the whole
 * image or of `box`. Cropping here rather than with tf.slice matters: on the CPU
 * backend slicing a 1800x1200 photo takes seconds.
 */
export function toTensor(pixels: Pixels, channels: 1 | 3 = 3, box: Box = { x: 0, y: 0, width: pixels.width, height: pixels.height }): tf.Tensor3D {
  const { width, height, data } = pixels;
  if (data.length !== width * height * 4) throw new RangeError(`toTensor: ${data.length} bytes is not ${width}x${height} RGBA`);
  if (box.x < 0 || box.y < 0 || box.x + box.width > width || box.y + box.height > height) {
    throw new RangeError(`toTensor: box ${JSON.stringify(box)} is outside the ${width}x${height} image`);
  }
  const out = new Float32Array(box.width * box.height * channels);
  let j = 0;
  for (let y = box.y; y < box.y + box.height; y++) {
    for (let i = (y * width + box.x) * 4, end = i + box.width * 4; i < end; i += 4) {
      if (channels === 3) {
        out[j++] = data[i]!;
        out[j++] = data[i + 1]!;
        out[j++] = data[i + 2]!;
      } else {
        // ITU-R BT.601 luma, as PIL's convert('L') and most grey-scale data sets use.
        out[j++] = 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!;
      }
    }
  }
  return tf.tensor3d(out, [box.height, box.width, channels]);
}

/** Keras `preprocess_input` for VGG16 ("caffe"): RGB -> BGR, minus the ImageNet means. Input 0..255 RGB, channels last. */
export function vgg16Preprocess<T extends tf.Tensor>(rgb: T): T {
  return tf.tidy(() => {
    const bgr = tf.reverse(rgb, -1);
    return tf.sub(bgr, tf.tensor1d([...VGG16_MEAN_BGR])) as T;
  });
}

/**
 * The inverse of vgg16Preprocess, to show what VGG16 sees: means added back, BGR to RGB,
 * clipped to 0..255. Takes [h, w, 3] or a batch of one, returns [h, w, 3].
 */
export function vgg16Deprocess(x: tf.Tensor3D | tf.Tensor4D): tf.Tensor3D {
  if (!(x.rank === 3 || (x.rank === 4 && x.shape[0] === 1)) || x.shape[x.rank - 1] !== 3) {
    throw new RangeError(`vgg16Deprocess: expected [h, w, 3] or [1, h, w, 3], got [${x.shape.join(', ')}]`);
  }
  return tf.tidy(() => {
    const bgr = x.rank === 4 ? tf.squeeze(x, [0]) : x;
    return tf.clipByValue(tf.reverse(tf.add(bgr, tf.tensor1d([...VGG16_MEAN_BGR])), -1), 0, 255) as tf.Tensor3D;
  });
}

/** Crops/resizes/normalises one image to `spec`, as a batch of one: [1, height, width, channels]. */
export function toModelInput(pixels: Pixels, spec: InputSpec): tf.Tensor4D {
  const { width, height, fit = 'crop', channels = 3, normalize = 'none' } = spec;
  if (normalize === 'vgg16' && channels !== 3) throw new RangeError('toModelInput: VGG16 preprocessing needs 3 channels');
  return tf.tidy(() => {
    const img = toTensor(pixels, channels, fit === 'crop' ? centerCropBox(pixels.width, pixels.height, width / height) : undefined);
    const resized = tf.image.resizeBilinear(img, [height, width], false, true);
    const normalised = normalize === 'vgg16' ? vgg16Preprocess(resized) : normalize === 'unit' ? tf.div(resized, 255) : resized;
    return tf.expandDims(normalised, 0) as tf.Tensor4D;
  });
}
