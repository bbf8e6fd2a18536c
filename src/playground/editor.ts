/**
 * The Monaco editor, loaded only when a reader presses Edit or clicks into the code.
 * Only the editor core, its features, and the TypeScript language are bundled (not Monaco's
 * eighty other languages). Monaco's own workers are Vite `?worker` chunks. Type
 * declarations for the libraries playground code imports arrive as one JSON file.
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/typescript/register';
import * as typescript from 'monaco-editor/languages/features/typescript/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/languages/features/typescript/ts.worker?worker';
import type { RunError } from '../runner/protocol.ts';
import { withBase } from '../lib/base-path.ts';
import { needsTransformersTypes, selectTypeFiles } from './type-groups.ts';

self.MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    return label === 'typescript' || label === 'javascript' ? new TsWorker() : new EditorWorker();
  },
};

const RUNNER_MARKERS = 'runner';

typescript.typescriptDefaults.setCompilerOptions({
  target: typescript.ScriptTarget.ES2020,
  module: typescript.ModuleKind.ESNext,
  moduleResolution: typescript.ModuleResolutionKind.NodeJs,
  strict: true,
  noEmit: true,
  allowNonTsExtensions: true,
  allowImportingTsExtensions: true,
  esModuleInterop: true,
  skipLibCheck: true,
});
typescript.typescriptDefaults.setEagerModelSync(true);

let typeFiles: Promise<Record<string, string>> | undefined;

async function fetchTypeFiles(): Promise<Record<string, string>> {
  const response = await fetch(withBase('playground-types.json'));
  if (!response.ok) throw new Error(`playground-types.json: HTTP ${response.status}`);
  return ((await response.json()) as { files: Record<string, string> }).files;
}
let transformersTypes = false;

/**
 * Fetches the declaration bundle once per page and registers what `code` needs; a later
 * call with code that uses Transformers.js adds its declarations. Resolves to the number
 * of files registered.
 */
export async function loadTypes(code: string): Promise<number> {
  typeFiles ??= fetchTypeFiles();
  const files = await typeFiles.catch((error: unknown) => {
    typeFiles = undefined; // the next editor or edit tries again
    throw error;
  });
  const wanted = transformersTypes || needsTransformersTypes(code);
  const libs = typescript.typescriptDefaults.getExtraLibs();
  if (Object.keys(libs).length > 0 && wanted === transformersTypes) return Object.keys(libs).length;
  transformersTypes = wanted;
  const selected = selectTypeFiles(files, wanted);
  typescript.typescriptDefaults.setExtraLibs(selected.map(([path, content]) => ({ filePath: `file:///${path}`, content })));
  return selected.length;
}

function applySiteTheme(): void {
  const dark = document.documentElement.dataset.theme === 'dark';
  const name = dark ? 'dlb-dark' : 'dlb-light';
  monaco.editor.defineTheme(name, {
    base: dark ? 'vs-dark' : 'vs',
    inherit: true,
    rules: [],
    // The backgrounds of the shiki themes the static code uses, so Edit doesn't flash a new colour.
    colors: { 'editor.background': dark ? '#0d1117' : '#ffffff' },
  });
  monaco.editor.setTheme(name);
}

let themeWatch: MutationObserver | undefined;

function followSiteTheme(): void {
  if (themeWatch) return;
  applySiteTheme();
  themeWatch = new MutationObserver(applySiteTheme);
  themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
}

export interface EditorOptions {
  code: string;
  /** Playground path, e.g. `mnist/train.ts`: names the model so imports resolve relative to it. */
  path: string;
  label: string;
  onRun(): void;
  onChange(code: string): void;
}

export interface EditorHandle {
  getValue(): string;
  /** Replaces the code as one undoable edit (Ctrl/Cmd+Z brings the old code back). */
  replaceAll(code: string): void;
  showRunError(error: RunError | undefined): void;
  focus(): void;
  dispose(): void;
}

export function createEditor(host: HTMLElement, options: EditorOptions): EditorHandle {
  followSiteTheme();
  const registerTypes = (code: string) =>
    void loadTypes(code).catch((e: unknown) => console.warn('playground: type declarations unavailable', e));
  registerTypes(options.code);
  const uri = monaco.Uri.parse(`file:///playgrounds/${options.path}`);
  const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(options.code, 'typescript', uri);
  model.setValue(options.code);
  const fontFamily = getComputedStyle(document.documentElement).getPropertyValue('--font-mono').trim();
  const editor = monaco.editor.create(host, {
    model,
    ariaLabel: options.label,
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    fontSize: 14,
    lineHeight: 21,
    ...(fontFamily ? { fontFamily } : {}),
    tabSize: 2,
    lineNumbersMinChars: 3,
    fixedOverflowWidgets: true,
    padding: { top: 12, bottom: 12 },
    scrollbar: { alwaysConsumeMouseWheel: false },
  });
  // Grow with the code up to most of the viewport, so short samples don't scroll inside a box.
  const fitHeight = () => {
    const height = Math.min(Math.max(editor.getContentHeight(), 120), Math.round(window.innerHeight * 0.7));
    host.style.height = `${height}px`;
  };
  editor.onDidContentSizeChange(fitHeight);
  fitHeight();
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, options.onRun);
  model.onDidChangeContent(() => {
    monaco.editor.setModelMarkers(model, RUNNER_MARKERS, []);
    const code = model.getValue();
    if (!transformersTypes && needsTransformersTypes(code)) registerTypes(code);
    options.onChange(code);
  });

  return {
    getValue: () => model.getValue(),
    replaceAll(code) {
      editor.pushUndoStop();
      editor.executeEdits('reset', [{ range: model.getFullModelRange(), text: code }]);
      editor.pushUndoStop();
    },
    showRunError(error) {
      const line = error?.line;
      if (!error || !line || line > model.getLineCount()) {
        monaco.editor.setModelMarkers(model, RUNNER_MARKERS, []);
        return;
      }
      const column = Math.min(error.column ?? 1, model.getLineMaxColumn(line));
      monaco.editor.setModelMarkers(model, RUNNER_MARKERS, [
        {
          severity: monaco.MarkerSeverity.Error,
          message: error.message,
          startLineNumber: line,
          startColumn: column,
          endLineNumber: line,
          endColumn: Math.max(column + 1, model.getLineMaxColumn(line)),
          source: error.phase === 'syntax' ? 'syntax' : 'run',
        },
      ]);
      editor.revealLineInCenterIfOutsideViewport(line);
    },
    focus: () => editor.focus(),
    dispose() {
      editor.dispose();
      model.dispose();
    },
  };
}
