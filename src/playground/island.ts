/**
 * The only playground script a page loads up front: it waits for the first interaction
 * and then imports the controller. Monaco and TF.js are further away still (editor chunk,
 * kernel worker). Pages with a saved edit or parameters, a share link or a model stored in
 * the browser load the controller at once so the reader sees their own code, settings and
 * saved model.
 */
import type { Action } from './controller.ts';
import { editKey, paramsKey, savedModelKey } from './storage-keys.ts';

type ControllerModule = typeof import('./controller.ts');
let loaded: ControllerModule | undefined;
const load = () => import('./controller.ts').then((m) => (loaded = m));

/**
 * Once the controller is loaded, actions run synchronously inside the click: a Reset
 * followed at once by a reload must already be saved when the click returns, and even an
 * already loaded `import()` resolves a task later.
 */
function act(root: HTMLElement, action: Action): void {
  if (loaded) loaded.controllerFor(root).act(action);
  else void load().then(({ controllerFor }) => controllerFor(root).act(action));
}

function hasStored(path: string): boolean {
  try {
    return [editKey, paramsKey, savedModelKey].some((key) => localStorage.getItem(key(path)) !== null);
  } catch {
    return false;
  }
}

const roots = [...document.querySelectorAll<HTMLElement>('[data-playground]')];
for (const root of roots) {
  root.addEventListener('click', (event) => {
    const target = event.target as Element;
    const button = target.closest<HTMLButtonElement>('button[data-action]');
    if (button && root.contains(button)) {
      act(root, button.dataset.action as Action);
    } else if (target.closest('[data-part="code"]') && window.getSelection()?.isCollapsed !== false) {
      // A plain click into the code opens the editor; selecting text to copy does not.
      act(root, 'edit');
    }
  });
  root.addEventListener('input', (event) => {
    if ((event.target as Element).closest('[data-part="params"]')) act(root, 'params');
  });
  root.addEventListener('keydown', (event) => {
    // Monaco handles its own Ctrl/Cmd+Enter binding and marks the event as handled.
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) {
      event.preventDefault();
      act(root, 'run');
    }
  });
  root.dataset.island = 'ready';
}

// A playground with a model stored in the browser shows it (and a way to forget it) at once.
const early =
  location.hash.startsWith('#share=') ||
  roots.some((r) => hasStored(r.dataset.src ?? ''));
if (early) void load().then(({ controllerFor }) => roots.forEach((r) => controllerFor(r)));
