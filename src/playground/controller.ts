/**
 * One playground's behaviour, loaded on the first interaction (or at once when the reader
 * has an edit or opened a share link, so their code is what the page shows). It never
 * imports Monaco or TF.js itself: the editor is a further lazy chunk, TF.js lives in the
 * kernel worker.
 */
import type { BackendChoice, Params, RunError } from '../runner/protocol.ts';
import { withBase } from '../lib/base-path.ts';
import type { EditorHandle } from './editor.ts';
import { getPageKernel, type RunEnd, type RunHandle } from './kernel.ts';
import { el } from './output/dom.ts';
import { errorHeadline, fallbackText, leakText, summaryText, threadNote, type IsolationState } from './output/format.ts';
import { OutputView } from './output/view.ts';
import { hashCode } from '../lib/hash.ts';
import { clearEdit, hasSavedMarker, loadEdit, otherTabChange, saveEdit, setAsideEdit, swapReplacedEdit } from './persistence.ts';
import { decodeShare, shareUrl } from './share.ts';
import { describeParams, loadParams, saveParams } from './params.ts';
import { ParamControls } from './param-controls.ts';
import { modelSource } from './model-source.ts';

/** The deployment's Transformers.js model source, fixed at build time. */
const MODEL_SOURCE = modelSource({
  PUBLIC_MODELS_PATH: import.meta.env.PUBLIC_MODELS_PATH,
  PUBLIC_MODELS_HOST: import.meta.env.PUBLIC_MODELS_HOST,
  PUBLIC_ALLOW_REMOTE_MODELS: import.meta.env.PUBLIC_ALLOW_REMOTE_MODELS,
});

type Mode = 'original' | 'edited' | 'shared';
export type Action = 'run' | 'stop' | 'edit' | 'reset' | 'share' | 'params';

const SAVE_DELAY_MS = 300;

export class PlaygroundController {
  private readonly path: string;
  private readonly original: string;
  private code: string;
  private mode: Mode = 'original';
  private editor: EditorHandle | undefined;
  private editorLoading: Promise<EditorHandle> | undefined;
  private running: RunHandle | undefined;
  private lastError: RunError | undefined;
  private saveTimer = 0;
  /** Runs started here, numbering them for charts that compare runs. */
  private runs = 0;
  /** The code came from a share link and has not been saved yet (see `persistNow`). */
  private fromShare = false;
  /** The parameter controls above the code. */
  private readonly controls: ParamControls;
  /** Backend fallback explanations of the current run, repeated in its final summary. */
  private fallbacks: string[] = [];
  private readonly output: OutputView;
  private readonly part: <T extends HTMLElement>(name: string) => T;

  constructor(private readonly root: HTMLElement) {
    this.part = <T extends HTMLElement>(name: string) => root.querySelector<T>(`[data-part="${name}"]`)!;
    this.path = root.dataset.src!;
    this.original = this.part<HTMLTemplateElement>('source').content.textContent ?? '';
    this.code = this.original;
    this.controls = new ParamControls(root);
    this.output = new OutputView(this.part('output'), (stored) => {
      if (stored.action === 'saved') void this.showSaved();
    });
    this.restore();
    if (hasSavedMarker(localStorage, this.path)) void this.showSaved();
    window.addEventListener('storage', (event) => this.changedInOtherTab(event));
    // A reload or tab close inside the save delay must not lose the last keystrokes.
    window.addEventListener('pagehide', () => {
      if (this.saveTimer) this.persistNow();
    });
  }

  act(action: Action): void {
    switch (action) {
      case 'run':
        this.run();
        break;
      case 'stop':
        this.running?.stop();
        break;
      case 'edit':
        void this.openEditor();
        break;
      case 'reset':
        this.reset();
        break;
      case 'share':
        void this.share();
        break;
      case 'params':
        this.paramsChanged();
        break;
    }
  }

  /** Shows the reader's saved edit, a shared link's code, or asks about a stale edit. */
  private restore(): void {
    const shared = decodeShare(location.hash);
    const stored = loadEdit(localStorage, this.path, this.root.dataset.hash ?? hashCode(this.original));
    if (shared?.id === this.path) {
      this.setCode(shared.code, shared.code === this.original ? 'original' : 'shared');
      this.fromShare = true;
      const sharedParams = this.controls.applicable(shared.params ?? {});
      this.setControls(sharedParams);
      const own = stored.state !== 'none' && stored.code !== shared.code ? stored.code : undefined;
      const withParams = Object.keys(sharedParams).length > 0 ? ` It sets ${describeParams(sharedParams)}.` : '';
      this.notice(
        `This code came from a shared link.${withParams} It has not been run: read it first, then press Run.${own ? ' Your own edit of this playground stays saved.' : ''}`,
        own ? [['Show my edit', () => ((this.fromShare = false), this.setCode(own, 'edited'))]] : [],
      );
      this.root.scrollIntoView({ block: 'start' });
      return;
    }
    // Only stored values: a reader's first change may be what loaded this controller.
    const storedParams = this.controls.applicable(loadParams(localStorage, this.path));
    if (Object.keys(storedParams).length > 0) this.setControls(storedParams);
    if (stored.state === 'edited') {
      this.setCode(stored.code, 'edited');
    } else if (stored.state === 'stale') {
      this.notice('This playground was updated since you edited it. Your edit was made on the older version.', [
        ['Keep my edit', () => (this.setCode(stored.code, 'edited'), this.persistNow())],
        ['Use the new version', () => clearEdit(localStorage, this.path)],
      ]);
    }
  }

  private setCode(code: string, mode: Mode): void {
    this.code = code;
    this.mode = mode;
    const badge = this.part('badge');
    badge.hidden = mode === 'original';
    badge.textContent = mode;
    this.root.dataset.mode = mode;
    this.updateReset();
    if (!this.editor) this.showStaticCode();
    else if (this.editor.getValue() !== code) this.editor.replaceAll(code);
  }

  private updateReset(): void {
    this.part<HTMLButtonElement>('reset').disabled = this.mode === 'original' && Object.keys(this.controls.changed()).length === 0;
  }

  /** Shows `values` in the controls (the page's own value in the others). */
  private setControls(values: Params): void {
    this.controls.set(values);
    this.updateReset();
  }

  private paramsChanged(): void {
    this.controls.mark();
    this.updateReset();
    if (!saveParams(localStorage, this.path, this.controls.changed())) {
      this.notice('Your browser did not allow saving these settings; they will be lost on reload.', []);
    }
  }

  /** Without the editor, edited or shared code shows as plain text in place of the highlighted original. */
  private showStaticCode(): void {
    const codeBox = this.part('code');
    const plain = codeBox.querySelector('.pg-plain');
    const highlighted = codeBox.querySelector<HTMLElement>('pre.shiki');
    if (this.code === this.original) {
      plain?.remove();
      if (highlighted) highlighted.hidden = false;
      return;
    }
    if (highlighted) highlighted.hidden = true;
    const pre = plain ?? codeBox.appendChild(el('pre', { class: 'pg-plain' }, [el('code')]));
    pre.firstElementChild!.textContent = this.code;
  }

  private async openEditor(): Promise<void> {
    this.editorLoading ??= this.loadEditor();
    try {
      (await this.editorLoading).focus();
    } catch (error) {
      this.editorLoading = undefined;
      const edit = this.part<HTMLButtonElement>('edit');
      edit.disabled = false;
      edit.textContent = 'Edit';
      this.notice(`The editor could not load (${error instanceof Error ? error.message : String(error)}). Check the connection and press Edit again.`, []);
    }
  }

  private async loadEditor(): Promise<EditorHandle> {
    const edit = this.part<HTMLButtonElement>('edit');
    edit.disabled = true;
    edit.textContent = 'Loading editor…';
    const { createEditor } = await import('./editor.ts');
    const host = this.part('editor');
    host.hidden = false;
    const editor = createEditor(host, {
      code: this.code,
      path: this.path,
      label: `Code editor: ${this.path}. Press Control+Enter to run.`,
      onRun: () => this.run(),
      onChange: (code) => this.edited(code),
    });
    this.part('code').hidden = true;
    edit.hidden = true;
    this.root.dataset.editor = 'open';
    editor.showRunError(this.lastError);
    this.editor = editor;
    return editor;
  }

  private edited(code: string): void {
    this.code = code;
    const mode: Mode = code === this.original ? 'original' : 'edited';
    if (mode !== this.mode) this.setCode(code, mode);
    clearTimeout(this.saveTimer);
    this.saveTimer = window.setTimeout(() => this.persistNow(), SAVE_DELAY_MS);
  }

  private async showSaved(): Promise<void> {
    const { showSavedModels } = await import('./saved-models.ts');
    await showSavedModels(this.part('saved'), this.path);
  }

  /** Drops a pending debounced save: the state it was scheduled for has been replaced. */
  private cancelSave(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = 0;
  }

  private persistNow(): void {
    this.cancelSave();
    if (this.mode === 'shared') return;
    // The first save of code that came from a link would overwrite the reader's own edit.
    const setAside = this.fromShare && setAsideEdit(localStorage, this.path, this.code);
    this.fromShare = false;
    if (!saveEdit(localStorage, this.path, this.code, this.original)) {
      this.notice('Your browser did not allow saving this edit; it will be lost on reload.', []);
    } else if (setAside) {
      this.notice('Saved the shared code as your edit. Your earlier edit of this playground was set aside.', [
        ['Bring back my earlier edit', () => this.swapSetAside()],
      ]);
    }
  }

  private swapSetAside(): void {
    const restored = swapReplacedEdit(localStorage, this.path);
    if (!restored) return;
    const shared = this.code;
    this.setCode(restored.code, restored.code === this.original ? 'original' : 'edited');
    this.cancelSave();
    this.notice('Your earlier edit is back. The shared code was set aside.', [
      ['Use the shared code again', () => (swapReplacedEdit(localStorage, this.path), this.setCode(shared, 'edited'), this.cancelSave())],
    ]);
  }

  /** Another tab saved (or reset) this playground: the last save wins, and this tab says so. */
  private changedInOtherTab(event: StorageEvent): void {
    if (this.mode === 'shared') return;
    const change = otherTabChange(event, this.path, { code: this.code, original: this.original });
    if (change.kind === 'none') return;
    // This tab's pending save would silently overwrite what the other tab just saved.
    this.cancelSave();
    const keepMine: [string, () => void] = ['Keep this tab’s version', () => this.persistNow()];
    if (change.kind === 'edited') {
      this.notice('This playground was edited in another tab, and that edit is the one saved now.', [
        ['Use the other tab’s edit', () => (this.setCode(change.code, 'edited'), this.cancelSave())],
        keepMine,
      ]);
    } else {
      this.notice('This playground was reset to the original in another tab.', [
        ['Use the original', () => (this.setCode(this.original, 'original'), this.cancelSave())],
        keepMine,
      ]);
    }
  }

  private reset(): void {
    const previous = this.code;
    const previousMode = this.mode;
    const previousParams = this.controls.changed();
    this.setControls({});
    saveParams(localStorage, this.path, {});
    this.setCode(this.original, 'original');
    // Resetting shared code leaves the reader's own saved edit alone.
    if (previousMode === 'shared') this.cancelSave();
    else this.persistNow();
    this.notice('The code is back to the original.', [
      [
        'Undo reset',
        () => {
          this.setControls(previousParams);
          saveParams(localStorage, this.path, previousParams);
          this.setCode(previous, previousMode);
          this.persistNow();
        },
      ],
    ]);
  }

  private async share(): Promise<void> {
    const url = shareUrl(location.href, { id: this.path, code: this.code, params: this.controls.changed() });
    const field = el('input', { class: 'pg-share-url', attrs: { readonly: '', 'aria-label': 'Share link', value: url } });
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      // Clipboard access can be refused; the link is still shown to copy by hand.
    }
    this.notice(copied ? 'Link copied. It carries your code in the address itself.' : 'Copy this link; it carries your code in the address itself.', [], field);
    field.select();
  }

  private notice(text: string, choices: [string, () => void][], extra?: HTMLElement): void {
    const box = this.part('notice');
    const buttons = choices.map(([label, choose]) => {
      const b = el('button', { class: 'pg-btn', text: label, attrs: { type: 'button' } });
      b.addEventListener('click', () => {
        box.hidden = true;
        choose();
      });
      return b;
    });
    const close = el('button', { class: 'pg-btn pg-btn-quiet', text: 'Dismiss', attrs: { type: 'button' } });
    close.addEventListener('click', () => (box.hidden = true));
    box.replaceChildren(el('p', { text }), ...(extra ? [extra] : []), el('div', { class: 'pg-notice-actions' }, [...buttons, close]));
    box.hidden = false;
  }

  private status(state: string, ...lines: (string | HTMLElement)[]): void {
    this.root.dataset.state = state;
    this.part('status').replaceChildren(...lines.map((l) => (typeof l === 'string' ? el('p', { text: l }) : l)));
  }

  private run(): void {
    if (this.running) return;
    const invalid = this.controls.invalid();
    if (invalid) {
      this.status('error', el('p', { class: 'pg-error', text: `${invalid.message} Nothing ran.`, attrs: { 'data-part': 'error' } }));
      invalid.field.focus();
      return;
    }
    if (this.editor) this.code = this.editor.getValue();
    this.persistNow();
    // The page's params are read at each run (tests set them after the page loaded); the reader's controls win.
    const params: Params = { ...(JSON.parse(this.root.dataset.params || '{}') as Params), ...this.controls.changed() };
    // Runs are compared by every value they used, the controls' unchanged ones too.
    const used: Params = { ...this.controls.values(), ...params };
    this.output.beginRun({ number: ++this.runs, params: used, codeHash: hashCode(this.code) });
    this.lastError = undefined;
    this.editor?.showRunError(undefined);
    const backendSelect = this.part<HTMLSelectElement>('backend');
    const runButton = this.part<HTMLButtonElement>('run');
    const stopButton = this.part<HTMLButtonElement>('stop');
    const hadFocus = document.activeElement === runButton;
    runButton.hidden = true;
    stopButton.hidden = false;
    if (hadFocus) stopButton.focus();
    const kernel = getPageKernel();
    this.status('queued', kernel.busy ? 'Waiting for another playground on this page to finish…' : 'Starting…');
    const handle = kernel.run(
      {
        source: this.code,
        filename: this.path,
        backend: backendSelect.value as BackendChoice,
        params,
        assetBase: new URL(withBase(''), location.href).href,
        playgrounds: pagePlaygrounds(),
        ...(MODEL_SOURCE && { transformers: MODEL_SOURCE }),
      },
      {
        onStart: () => this.status('running', 'Running…'),
        onBackend: (backend, fallbacks) => {
          this.root.dataset.backend = backend;
          this.status('running', `Running on ${backendSelect.querySelector(`option[value="${backend}"]`)?.textContent ?? backend}…`, ...fallbackText(backend, fallbacks));
          this.fallbacks = fallbackText(backend, fallbacks);
        },
        onOutput: (output) => this.output.render(output),
        onInputRequest: async (request, signal) => {
          const { requestInput } = await import('./input.ts');
          return requestInput(this.part('output'), request, signal);
        },
      },
    );
    this.running = handle;
    this.fallbacks = [];
    void handle.done.then((end) => {
      this.running = undefined;
      stopButton.hidden = true;
      runButton.hidden = false;
      if (document.activeElement === stopButton || document.activeElement === document.body) runButton.focus({ preventScroll: true });
      this.finished(end);
    });
  }

  private finished(end: RunEnd): void {
    switch (end.status) {
      case 'done': {
        const leak = leakText(end.summary);
        this.root.dataset.backend = end.summary.backend;
        if (end.summary.threads !== undefined) this.root.dataset.threads = String(end.summary.threads);
        const threads = threadNote(end.summary, isolationState());
        this.status(
          'done',
          summaryText(end.summary),
          ...this.fallbacks,
          ...(threads ? [el('p', { text: threads, attrs: { 'data-part': 'threads' } })] : []),
          ...(leak ? [el('p', { class: leak.tone === 'warning' ? 'pg-warn' : 'pg-info', text: leak.text, attrs: { 'data-part': leak.tone === 'warning' ? 'leak' : 'kept' } })] : []),
        );
        break;
      }
      case 'error': {
        this.lastError = end.error;
        this.editor?.showRunError(end.error);
        const parts: HTMLElement[] = [el('p', { class: 'pg-error', text: errorHeadline(end.error), attrs: { 'data-part': 'error' } })];
        if (end.error.phase === 'syntax') parts.push(el('p', { text: 'Nothing ran: fix the code and press Run again.' }));
        if (end.error.stack) parts.push(el('pre', { class: 'pg-stack', text: end.error.stack }));
        this.status(end.error.phase === 'syntax' ? 'syntax-error' : 'error', ...parts);
        break;
      }
      case 'stopped':
        this.status('stopped', 'Stopped. The kernel was restarted; the next run starts fresh.');
        break;
      case 'crashed':
        this.status('crashed', el('p', { class: 'pg-error', text: end.message }));
        break;
    }
  }
}

function isolationState(): IsolationState {
  let controlled = false;
  try {
    controlled = Boolean(navigator.serviceWorker?.controller);
  } catch {
    // Browsers that forbid service workers here (privacy settings) throw on access.
  }
  return { cores: navigator.hardwareConcurrency || 1, serviceWorkers: 'serviceWorker' in navigator, controlled };
}

/** The shipped code's hash of every playground on the page, by path. */
function pagePlaygrounds(): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const root of document.querySelectorAll<HTMLElement>('[data-playground]')) {
    if (root.dataset.src && root.dataset.hash) hashes[root.dataset.src] = root.dataset.hash;
  }
  return hashes;
}

const controllers = new WeakMap<HTMLElement, PlaygroundController>();

export function controllerFor(root: HTMLElement): PlaygroundController {
  let controller = controllers.get(root);
  if (!controller) {
    controller = new PlaygroundController(root);
    controllers.set(root, controller);
  }
  return controller;
}
