// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { normalizeBase } from './src/lib/base-path.ts';
import { lazyCss } from './src/playground/lazy-css.ts';
import { tfjsWasmThreads } from './src/runner/tfjs-wasm-threads.ts';

// GitHub Pages serves a project site under /<repo>/, so site and base come from the
// environment: the deploy workflow sets them, local dev uses the root.
const site = process.env.SITE_URL || 'http://localhost:4321';
const base = normalizeBase(process.env.BASE_PATH);

// What public/coi-sw.js adds on GitHub Pages, sent by the dev server itself.
const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig({
  site,
  base,
  server: { headers: isolation },
  trailingSlash: 'always',
  markdown: {
    processor: unified({
      remarkPlugins: [remarkMath],
      // MathML alongside the HTML: KaTeX hides its HTML from screen readers, the MathML is what they read.
      rehypePlugins: [[rehypeKatex, { output: 'htmlAndMathml' }]],
    }),
    shikiConfig: {
      // The -default variants: the older github-light/-dark fail WCAG contrast for comments and parameters.
      themes: { light: 'github-light-default', dark: 'github-dark-default' },
      defaultColor: false,
    },
  },
  integrations: [mdx()],
  vite: {
    // Monaco's and uPlot's CSS load with their code, not with the page (see lazy-css.ts).
    plugins: [lazyCss(/[\\/]node_modules[\\/](monaco-editor|uplot)[\\/]/), tfjsWasmThreads()],
    // The kernel worker is its own bundle, with its own plugins.
    worker: { format: 'es', plugins: () => [tfjsWasmThreads()] },
    optimizeDeps: { exclude: ['onnxruntime-web'] },
  },
});
