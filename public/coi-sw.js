/*
 * Cross-origin isolation on hosts that cannot set headers (GitHub Pages): this service
 * worker adds COOP/COEP to the site's own responses, so pages and their workers become
 * `crossOriginIsolated`, SharedArrayBuffer exists and TF.js / ONNX Runtime can run their
 * threaded WASM. Registered by every page (BaseLayout); it takes effect from the next
 * page load, never by reloading the page under the reader.
 *
 * COEP is `require-corp`: everything the course loads is same-origin (fonts, data,
 * models, WASM) or fetched with CORS (models from the Hugging Face hub), and unlike
 * `credentialless` every browser with cross-origin isolation supports it.
 */
const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Whether the worker should answer `request` itself (false: the browser handles it as usual). */
function handles(request) {
  // Cross-origin requests pass untouched: CORS decides them, and headers we added would not help.
  if (new URL(request.url).origin !== self.location.origin) return false;
  // Chromium throws on fetch() of these outside same-origin mode (a devtools quirk).
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return false;
  return true;
}

/** The response with the isolation headers; opaque and error responses as they are. */
function isolate(response) {
  if (response.type === 'opaque' || response.type === 'opaqueredirect' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (event) => {
  if (!handles(event.request)) return;
  event.respondWith(fetch(event.request).then(isolate));
});
