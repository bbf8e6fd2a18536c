/**
 * Chapter 7's fill-mask and question-answering playgrounds on WASM: the whole run and the
 * model's own time (the line each playground prints), cold (a fresh browser profile, so
 * the model files are fetched and cached) and warm (the next run on the same page, files
 * from Cache Storage). With the tiny test BERTs an e2e build serves, and with the real
 * models when the build serves them too (`models/hf/Xenova/...`, see docs/models.md).
 */
import { existsSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { freshPage, runMs, runPlayground, runPlaygroundAt, type Benchmark } from './lib.ts';

interface Case {
  src: string;
  model: string;
  params: Record<string, unknown>;
}
const CASES: Case[] = [
  { src: 'bert/fill-mask.ts', model: 'tiny-bert', params: { model: 'tiny-bert', maskAt: 8 } },
  { src: 'bert/question-answering.ts', model: 'tiny-bert-squad', params: { model: 'tiny-bert-squad' } },
  { src: 'bert/fill-mask.ts', model: 'Xenova/bert-base-uncased', params: { model: 'Xenova/bert-base-uncased', maskAt: 8 } },
  { src: 'bert/question-answering.ts', model: 'Xenova/distilbert-base-uncased-distilled-squad', params: { model: 'Xenova/distilbert-base-uncased-distilled-squad' } },
];

/** The model's own time, from "... read the 25 tokens in 12 ms." */
export function modelMs(output: string): number {
  const m = /read the \d+ tokens in (\d+) ms/.exec(output);
  if (!m) throw new Error(`the playground printed no model time: ${output.slice(0, 200)}`);
  return Number(m[1]);
}

async function text(page: Page, src: string) {
  const pg = page.locator(`[data-playground][data-src="${src}"]`);
  return { status: await pg.locator('[data-part="status"]').innerText(), output: await pg.locator('[data-part="output"]').innerText() };
}

export const bert: Benchmark = {
  name: 'bert',
  async run(ctx) {
    const rows: (string | number)[][] = [];
    const detail = [];
    for (const c of CASES) {
      if (!existsSync(`${ctx.distDir}/models/hf/${c.model}/config.json`)) {
        rows.push([c.src, c.model, 'not served by this build', '', '', '']);
        continue;
      }
      const browser = await ctx.launch();
      const page = await freshPage(browser);
      const cold = await runPlaygroundAt(page, `${ctx.siteUrl}chapters/bert/`, c.src, { backend: 'wasm', params: c.params });
      if (cold.state !== 'done') throw new Error(`${c.src} (${c.model}): ${cold.status}`);
      const warm = [];
      for (let i = 0; i < 3; i++) {
        if ((await runPlayground(page, c.src)) !== 'done') throw new Error(`${c.src} (${c.model}), warm run: ${(await text(page, c.src)).status}`);
        warm.push(await text(page, c.src));
      }
      await browser.close();
      const warmRun = Math.min(...warm.map((w) => runMs(w.status)));
      const warmModel = Math.min(...warm.map((w) => modelMs(w.output)));
      rows.push([c.src, c.model, runMs(cold.status), modelMs(cold.output), warmRun, warmModel]);
      detail.push({ ...c, cold: { runMs: runMs(cold.status), modelMs: modelMs(cold.output) }, warm: warm.map((w) => ({ runMs: runMs(w.status), modelMs: modelMs(w.output) })) });
    }
    return {
      name: 'bert',
      title: 'Chapter 7 on WASM, one thread: whole run and model time, ms (warm: best of 3 runs on the same page)',
      columns: ['playground', 'model', 'cold run', 'cold model', 'warm run', 'warm model'],
      rows,
      detail,
    };
  },
};
