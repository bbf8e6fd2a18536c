/**
 * The "saved in this browser" strip of a playground whose run stored a model: what is
 * stored, its size, and buttons to forget it or every stored model. It reads IndexedDB
 * directly (no TF.js). A localStorage marker per playground (`markSaved`) lets the page
 * show the strip on load without opening IndexedDB on every page.
 */
import { browserModelStore } from '../course/model-store.ts';
import { formatBytes, formatWhen } from '../lib/units.ts';
import type { StoredModelInfo } from '../runner/protocol.ts';
import { el } from './output/dom.ts';
import { markSaved } from './persistence.ts';

/** "“mnist-model”, trained 1 Dec 2026, 10:31 with your edited code, 2.6 MB". */
export function describeStored(info: StoredModelInfo): string {
  return `“${info.name}”, trained ${formatWhen(info.savedAt)}${info.edited ? ' with your edited code' : ''}, ${formatBytes(info.bytes)}`;
}

/** The strip's words for the stored models of one playground, given every stored model. */
export function savedSummary(mine: StoredModelInfo[], all: StoredModelInfo[]): { text: string; forgetAll: string } | undefined {
  if (mine.length === 0) return undefined;
  const total = all.reduce((n, m) => n + m.bytes, 0);
  return {
    text: `Saved in this browser: ${mine.map(describeStored).join('; ')}.`,
    forgetAll: `Forget all saved models (${all.length}, ${formatBytes(total)})`,
  };
}

function button(label: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', { class: 'pg-btn pg-btn-quiet', text: label, attrs: { type: 'button' } });
  b.addEventListener('click', onClick);
  return b;
}

/** Shows what `playground` has stored in `strip` (hidden when nothing). */
export async function showSavedModels(strip: HTMLElement, playground: string): Promise<void> {
  const store = browserModelStore();
  let all: StoredModelInfo[];
  try {
    all = await store.list();
  } catch {
    strip.hidden = true;
    return; // No IndexedDB here: nothing can have been stored.
  }
  const mine = all.filter((m) => m.playground === playground);
  markSaved(localStorage, playground, mine.length > 0);
  const summary = savedSummary(mine, all);
  if (!summary) {
    strip.hidden = true;
    return;
  }
  const forget = async (names: string[] | 'all') => {
    if (names === 'all') await store.clear();
    else for (const name of names) await store.remove(name);
    await showSavedModels(strip, playground);
    strip.hidden = false;
    strip.append(el('p', { text: 'Forgotten. This page keeps what it already loaded until it closes; after a reload, train again.' }));
  };
  strip.replaceChildren(
    el('p', { text: summary.text }),
    el('div', { class: 'pg-notice-actions' }, [
      button(mine.length === 1 ? 'Forget this model' : 'Forget these models', () => void forget(mine.map((m) => m.name))),
      button(summary.forgetAll, () => void forget('all')),
    ]),
  );
  strip.hidden = false;
}
