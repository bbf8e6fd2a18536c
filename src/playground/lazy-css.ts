/**
 * Vite plugin: CSS imported by matching packages (Monaco, uPlot) becomes a JS module that
 * injects a <style> when it runs. Astro links every stylesheet reachable from a page's
 * scripts up front, even behind a dynamic import() (withastro/astro#9495); this keeps
 * the editor's and the chart library's CSS out of the page until they are loaded.
 * Relative url()s (Monaco's codicon font) become `?url` imports, so Vite still emits them.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Plugin } from 'vite';

const PREFIX = '\0lazy-css:';
// The id must not end in .css, or Vite's own CSS plugin claims the module again.
const SUFFIX = '.lazy-css.js';
const URL_PATTERN = /url\(\s*(['"]?)([^'")]+)\1\s*\)/g;

/** The JS module for `css` read from `file`; exported for tests. */
export function cssToModule(css: string, file: string): string {
  const imports: string[] = [];
  const pieces: string[] = [];
  let last = 0;
  for (const match of css.matchAll(URL_PATTERN)) {
    const target = match[2]!;
    if (/^(data:|https?:|#|\/)/.test(target)) continue;
    const name = `asset${imports.length}`;
    imports.push(`import ${name} from ${JSON.stringify(`${resolve(dirname(file), target.replace(/[?#].*$/, ''))}?url`)};`);
    pieces.push(JSON.stringify(css.slice(last, match.index)), `"url(" + ${name} + ")"`);
    last = match.index + match[0].length;
  }
  pieces.push(JSON.stringify(css.slice(last)));
  return [
    ...imports,
    `const css = ${pieces.join(' + ')};`,
    `if (typeof document !== 'undefined') {`,
    `  const style = document.createElement('style');`,
    `  style.dataset.lazyCss = ${JSON.stringify(file.replace(/^.*node_modules\//, ''))};`,
    `  style.textContent = css;`,
    `  document.head.append(style);`,
    `}`,
    `export default css;`,
  ].join('\n');
}

export function lazyCss(packages: RegExp): Plugin {
  return {
    name: 'dlb-lazy-css',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || !/\.css($|\?)/.test(source) || source.includes('?')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved && packages.test(resolved.id) ? PREFIX + resolved.id + SUFFIX : null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const file = id.slice(PREFIX.length, -SUFFIX.length);
      return cssToModule(readFileSync(file, 'utf8'), file);
    },
  };
}
