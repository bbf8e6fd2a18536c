/** Site-wide names used by the layout, pages and meta tags. */
export const SITE_TITLE = 'Deep Learning in the Browser';
export const SITE_DESCRIPTION =
  'A hands-on deep learning course whose every example runs in your browser, with TensorFlow.js on WebGPU and Transformers.js.';
