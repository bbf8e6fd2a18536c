/**
 * Reader input asked for by a running playground: a draw pad (returns RGBA pixels at the
 * requested size), a photo from a file or the webcam, or a choice between buttons.
 * Loaded on the first request.
 */
import type { InputRequest, InputValue, Pixels } from '../runner/protocol.ts';
import { el } from './output/dom.ts';
import { centerCropBox } from '../course/images/crop.ts';

const PAD_SIZE = 280;

/** Scales whatever `source` shows to width x height RGBA pixels. */
function toPixels(source: CanvasImageSource, width: number, height: number): Pixels {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(source, 0, 0, width, height);
  return { width, height, data: ctx.getImageData(0, 0, width, height).data };
}

function button(label: string, onClick: () => void, primary = false): HTMLButtonElement {
  const b = el('button', { class: primary ? 'pg-btn pg-btn-primary' : 'pg-btn', text: label, attrs: { type: 'button' } });
  b.addEventListener('click', onClick);
  return b;
}

function drawPad(panel: HTMLElement, request: Extract<InputRequest, { kind: 'draw' }>, finish: (v: InputValue | null) => void) {
  const canvas = el('canvas', { class: 'pg-drawpad', attrs: { 'aria-label': `Draw pad: ${request.prompt}`, role: 'img' } });
  canvas.width = PAD_SIZE;
  canvas.height = PAD_SIZE;
  const ctx = canvas.getContext('2d')!;
  const clear = () => {
    // White on black, like the MNIST digits models are trained on.
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, PAD_SIZE, PAD_SIZE);
  };
  clear();
  ctx.strokeStyle = '#fff';
  ctx.lineWidth = PAD_SIZE / 12;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  let drawing = false;
  const at = (e: PointerEvent): [number, number] => {
    const r = canvas.getBoundingClientRect();
    return [((e.clientX - r.left) / r.width) * PAD_SIZE, ((e.clientY - r.top) / r.height) * PAD_SIZE];
  };
  canvas.addEventListener('pointerdown', (e) => {
    drawing = true;
    canvas.setPointerCapture(e.pointerId);
    ctx.beginPath();
    ctx.moveTo(...at(e));
    ctx.lineTo(...at(e));
    ctx.stroke();
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!drawing) return;
    ctx.lineTo(...at(e));
    ctx.stroke();
  });
  const end = () => (drawing = false);
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);
  panel.append(
    canvas,
    el('div', { class: 'pg-input-actions' }, [
      button('Use drawing', () => finish({ kind: 'pixels', pixels: toPixels(canvas, request.width, request.height) }), true),
      button('Clear', clear),
      button('Cancel', () => finish(null)),
    ]),
  );
}

function photoPicker(panel: HTMLElement, request: Extract<InputRequest, { kind: 'photo' }>, finish: (v: InputValue | null) => void) {
  const file = el('input', { attrs: { type: 'file', accept: 'image/*', class: 'pg-sr-only', tabindex: '-1', 'aria-hidden': 'true' } });
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    if (chosen) finish({ kind: 'file', name: chosen.name, bytes: new Uint8Array(await chosen.arrayBuffer()) });
  });
  const actions = el('div', { class: 'pg-input-actions' }, [button('Choose a photo', () => file.click(), true)]);
  let stream: MediaStream | undefined;
  const stopCamera = () => stream?.getTracks().forEach((t) => t.stop());
  if (request.allowWebcam && navigator.mediaDevices?.getUserMedia) {
    actions.append(
      button('Use the webcam', async () => {
        try {
          stream = await navigator.mediaDevices.getUserMedia({ video: true });
        } catch (e) {
          panel.append(el('p', { class: 'pg-input-error', text: `The webcam is not available: ${(e as Error).message}` }));
          return;
        }
        const video = el('video', { class: 'pg-webcam', attrs: { 'aria-label': 'Webcam preview', playsinline: '' } });
        video.muted = true;
        video.srcObject = stream;
        await video.play();
        const preview = el('div', { class: 'pg-webcam-wrap' }, [video]);
        if (request.guide === 'square') {
          // The box a centre crop keeps, in percent of the frame, so it scales with the preview.
          const { videoWidth: w, videoHeight: h } = video;
          const box = centerCropBox(w, h, 1);
          const guide = el('div', { class: 'pg-webcam-guide', attrs: { 'aria-hidden': 'true' } });
          Object.assign(guide.style, { left: `${(100 * box.x) / w}%`, top: `${(100 * box.y) / h}%`, width: `${(100 * box.width) / w}%`, height: `${(100 * box.height) / h}%` });
          preview.append(guide);
        }
        panel.append(
          preview,
          el('div', { class: 'pg-input-actions' }, [
            button(
              'Take photo',
              () => {
                const pixels = toPixels(video, video.videoWidth, video.videoHeight);
                stopCamera();
                finish({ kind: 'pixels', pixels });
              },
              true,
            ),
          ]),
        );
      }),
    );
  }
  actions.append(button('Cancel', () => (stopCamera(), finish(null))));
  panel.append(file, actions);
  return stopCamera;
}

/** Shows the input UI in `container` and resolves with the reader's answer (null = cancelled). */
export function requestInput(container: HTMLElement, request: InputRequest, signal: AbortSignal): Promise<InputValue | null> {
  return new Promise((resolve, reject) => {
    const panel = el('div', { class: 'pg-input', attrs: { role: 'group', 'aria-label': request.prompt } }, [
      el('p', { class: 'pg-input-prompt', text: request.prompt }),
    ]);
    let cleanup = () => undefined as void;
    const finish = (value: InputValue | null) => {
      cleanup();
      panel.remove();
      resolve(value);
    };
    if (request.kind === 'draw') drawPad(panel, request, finish);
    else if (request.kind === 'photo') cleanup = photoPicker(panel, request, finish);
    else panel.append(el('div', { class: 'pg-input-actions' }, request.choices.map((label, index) => button(label, () => finish({ kind: 'choice', index }), index === 0))));
    signal.addEventListener('abort', () => {
      cleanup();
      panel.remove();
      reject(new Error('The run ended before the input was given.'));
    });
    container.append(panel);
    panel.querySelector<HTMLElement>('button')?.focus({ preventScroll: true });
  });
}
