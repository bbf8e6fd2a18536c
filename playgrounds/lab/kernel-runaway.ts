// An async loop that never ends: it yields every frame, so the page stays responsive,
// but only Stop ends it.
import * as tf from '@tensorflow/tfjs';

let frames = 0;
for (;;) {
  await tf.nextFrame();
  if (++frames % 30 === 0) console.log(`frame ${frames}`);
}
