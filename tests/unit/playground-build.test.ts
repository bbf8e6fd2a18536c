import { describe, expect, it } from 'vitest';
import { cssToModule } from '../../src/playground/lazy-css.ts';
import { buildTypesBundle } from '../../src/playground/types-bundle.ts';
import { needsTransformersTypes, selectTypeFiles } from '../../src/playground/type-groups.ts';

describe('lazy CSS modules', () => {
  it('turns relative url()s into ?url imports and leaves data:, absolute and fragment urls alone', () => {
    const css = `.a{src:url(./codicon.ttf?5d4d) format("truetype")}.b{background:url("data:image/png;base64,AA")}.c{mask:url(#m)}.d{x:url(https://x/y.png)}`;
    const js = cssToModule(css, '/p/node_modules/monaco-editor/esm/vs/codicon.css');
    expect(js).toContain('import asset0 from "/p/node_modules/monaco-editor/esm/vs/codicon.ttf?url";');
    expect(js).not.toContain('asset1');
    expect(js).toContain('"url(" + asset0 + ")"');
    expect(js).toContain('data:image/png;base64,AA');
    expect(js).toContain("style.dataset.lazyCss = \"monaco-editor/esm/vs/codicon.css\"");
  });

  it('produces a module that evaluates to the original CSS text', async () => {
    const css = '.x{color:red}\n.y::after{content:"\\201C"}';
    const js = cssToModule(css, '/p/node_modules/uplot/dist/uPlot.min.css');
    const mod = (await import(`data:text/javascript,${encodeURIComponent(js)}`)) as { default: string };
    expect(mod.default).toBe(css);
  });
});

describe('editor type bundle', () => {
  const bundle = buildTypesBundle(process.cwd());
  const paths = Object.keys(bundle.files);

  it('holds the declarations of TF.js and its sub-packages, Transformers.js, and the course source', () => {
    for (const entry of [
      'node_modules/@tensorflow/tfjs/dist/index.d.ts',
      'node_modules/@tensorflow/tfjs-core/dist/index.d.ts',
      'node_modules/@tensorflow/tfjs-layers/dist/index.d.ts',
      'node_modules/@tensorflow/tfjs-converter/dist/index.d.ts',
      'node_modules/@tensorflow/tfjs-data/dist/index.d.ts',
      'node_modules/@huggingface/transformers/types/transformers.d.ts',
      'node_modules/course/src/course/index.ts',
      'node_modules/course/src/runner/protocol.ts',
    ]) {
      expect(paths).toContain(entry);
    }
  });

  it('gives every package a package.json whose types entry is in the bundle, and skips Node types', () => {
    const course = JSON.parse(bundle.files['node_modules/course/package.json']!) as { types: string };
    expect(paths).toContain(`node_modules/course/${course.types}`);
    const tfjs = JSON.parse(bundle.files['node_modules/@tensorflow/tfjs/package.json']!) as { types: string };
    expect(paths).toContain(`node_modules/@tensorflow/tfjs/${tfjs.types}`);
    expect(paths.some((p) => p.startsWith('node_modules/@types/node/'))).toBe(false);
  });
});

describe('editor type groups', () => {
  it('asks for Transformers.js declarations only for code that may need them', () => {
    expect(needsTransformersTypes("import { pipeline } from '@huggingface/transformers';")).toBe(true);
    expect(needsTransformersTypes("import { models } from 'course';\nawait models.bert.fillMask('x');")).toBe(true);
    expect(needsTransformersTypes("import * as tf from '@tensorflow/tfjs';\nconst modelsTrained = 1;")).toBe(false);
  });

  it('leaves out exactly the Transformers.js family when not needed', () => {
    const files = {
      'node_modules/@tensorflow/tfjs/dist/index.d.ts': 'a',
      'node_modules/@huggingface/transformers/types/transformers.d.ts': 'b',
      'node_modules/onnxruntime-common/dist/index.d.ts': 'c',
      'node_modules/course/src/course/index.ts': 'd',
    };
    expect(selectTypeFiles(files, false).map(([p]) => p)).toEqual([
      'node_modules/@tensorflow/tfjs/dist/index.d.ts',
      'node_modules/course/src/course/index.ts',
    ]);
    expect(selectTypeFiles(files, true)).toHaveLength(4);
  });
});
