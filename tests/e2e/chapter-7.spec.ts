/**
 * Chapter 7 (BERT with Transformers.js) in Chromium against the built site, with remote
 * models off and the tiny BERT fixtures served from the site (scripts/e2e-fixtures.ts):
 * every playground runs and says it is using a test model, no request leaves the origin,
 * the dtype choice loads the other weights file, a model the site does not serve gets one
 * notice naming it, and a second run or a reload reads the model from the browser's cache.
 * What the playgrounds compute is checked in Node (tests/playgrounds/chapter7.test.ts).
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { chartsWithPoints, consoleErrors, finished, output, start, type Params } from './fixtures/playgrounds.ts';

const TINY: Record<string, Params> = {
  'bert/one-hot.ts': {},
  'bert/tokens.ts': { model: 'tiny-bert', yourText: 'the rainy weather' },
  'bert/embeddings.ts': { model: 'tiny-bert' },
  'bert/similarity.ts': { model: 'tiny-bert' },
  'bert/pca.ts': { model: 'tiny-bert' },
  'bert/fill-mask.ts': { model: 'tiny-bert', maskAt: 8 },
  'bert/dtypes.ts': { model: 'tiny-bert' },
  'bert/question-answering.ts': { model: 'tiny-bert-squad' },
};

async function run(page: Page, src: string, params = TINY[src]!): Promise<Locator> {
  const pg = await start(page, src, { params });
  await finished(pg);
  return pg;
}

/** Requests the page (and its worker) makes: to other origins, and for model files. */
function watchRequests(page: Page, origin: string) {
  const seen = { foreign: [] as string[], models: [] as string[] };
  page.context().on('request', (r) => {
    const url = new URL(r.url());
    if (url.protocol.startsWith('http') && url.origin !== origin) seen.foreign.push(r.url());
    if (url.pathname.includes('/models/hf/')) seen.models.push(url.pathname.replace(/.*\/models\/hf\//, ''));
  });
  return seen;
}

const fixtureNote = (pg: Locator) => output(pg).locator('.pg-note-warning', { hasText: 'a tiny BERT with random weights' });

test('every playground runs on the tiny test BERTs from the site, says so, and nothing leaves the origin', async ({ page, baseURL }) => {
  test.setTimeout(150_000);
  const errors = consoleErrors(page);
  const requests = watchRequests(page, new URL(baseURL!).origin);
  await page.goto('chapters/bert/');

  const oneHot = await run(page, 'bert/one-hot.ts');
  await expect(output(oneHot)).toContainText('Lookup by id and one-hot times the table differ by at most 0');
  await expect(output(oneHot).locator('.pg-table')).toHaveCount(5);

  const tokens = await run(page, 'bert/tokens.ts');
  await expect(fixtureNote(tokens)).toHaveCount(1);
  await expect(output(tokens)).toContainText('tiny-bert: a vocabulary of 82 tokens.');
  const pairChips = output(tokens).locator('.pg-chips').first().locator('.pg-chip');
  await expect(pairChips).toHaveCount(25);
  await expect(pairChips.first()).toHaveText('[CLS]2');
  await expect(output(tokens).locator('.pg-chips').first().locator('.pg-chip-muted', { hasText: '##ratic' })).toHaveCount(1);
  const pairRow = output(tokens).locator('.pg-table').first().locator('tbody tr').first();
  await expect(pairRow).toContainText('[CLS]');
  await expect(pairRow).toContainText('##ratic');
  await expect(output(tokens).locator('.pg-table').nth(1)).toContainText('rain ##y');

  const embeddings = await run(page, 'bert/embeddings.ts');
  await expect(fixtureNote(embeddings)).toHaveCount(1);
  await expect(output(embeddings).locator('.pg-image')).toHaveCount(1);
  await expect(output(embeddings)).toContainText('11 tokens, 16 numbers each');
  await expect(output(embeddings).locator('.pg-progress')).toContainText('tiny-bert');

  const similarity = await run(page, 'bert/similarity.ts');
  await expect(output(similarity).locator('.pg-image')).toHaveCount(1);
  await expect(output(similarity)).toContainText(/Most alike: sentences \d and \d/);

  const pca = await run(page, 'bert/pca.ts');
  await expect(chartsWithPoints(pca)).toHaveCount(1);
  await expect(output(pca)).toContainText(/The two components hold \d+\.\d% and \d+\.\d% of the spread/);

  const fill = await run(page, 'bert/fill-mask.ts');
  await expect(fixtureNote(fill)).toHaveCount(1);
  await expect(output(fill)).toContainText('Transformers.js runs on wasm');
  await expect(output(fill)).toContainText('Masked token 8 ("simple")');
  await expect(chartsWithPoints(fill)).toHaveCount(2);
  await expect(output(fill).locator('.pg-table tbody tr')).toHaveCount(5);

  const dtypes = await run(page, 'bert/dtypes.ts');
  await expect(output(dtypes)).toContainText(/Over all 82 tokens the probabilities differ by at most 0\.0\d+/);

  const qa = await run(page, 'bert/question-answering.ts');
  await expect(fixtureNote(qa)).toHaveCount(1);
  await expect(chartsWithPoints(qa)).toHaveCount(1);
  await expect(output(qa)).toContainText(/Answer: "[^"]+"/);

  // Both weight variants were fetched, q8 by default and fp32 for the comparison.
  expect(requests.models).toContain('tiny-bert/onnx/model_quantized.onnx');
  expect(requests.models).toContain('tiny-bert/onnx/model.onnx');
  expect(requests.models).toContain('tiny-bert-squad/onnx/model_quantized.onnx');
  expect(requests.foreign).toEqual([]);
  expect(errors).toEqual([]);
});

test('a second run and a reload read the model from the browser cache, and the dtype control loads the fp32 file', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const requests = watchRequests(page, new URL(baseURL!).origin);
  await page.goto('chapters/bert/');
  await run(page, 'bert/fill-mask.ts');
  const first = [...requests.models];
  expect(first).toEqual(expect.arrayContaining(['tiny-bert/config.json', 'tiny-bert/tokenizer.json', 'tiny-bert/onnx/model_quantized.onnx']));
  requests.models.length = 0;
  await run(page, 'bert/fill-mask.ts');
  expect(requests.models).toEqual([]);
  await page.reload();
  const again = await run(page, 'bert/fill-mask.ts');
  await expect(output(again).locator('.pg-chart-bar')).toHaveCount(2);
  expect(requests.models).toEqual([]);
  // The dtype control: fp32 fetches the other weights file, and nothing else. (Twice: to
  // total the progress bar, Transformers.js 4.3 learns a site-served file's size by a full GET.)
  await again.getByLabel('dtype', { exact: true }).selectOption('fp32');
  await run(page, 'bert/fill-mask.ts');
  expect([...new Set(requests.models)]).toEqual(['tiny-bert/onnx/model.onnx']);
});

test('a model file the site fails to serve: one notice naming the model and the file, and the page stays usable', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = consoleErrors(page);
  await page.route('**/models/hf/tiny-bert-squad/onnx/model_quantized.onnx', (route) => route.fulfill({ status: 404, contentType: 'text/html', body: '<h1>Not found</h1>' }));
  await page.goto('chapters/bert/');
  const qa = await start(page, 'bert/question-answering.ts', { params: TINY['bert/question-answering.ts']! });
  await expect(qa).toHaveAttribute('data-state', 'error', { timeout: 100_000 });
  const status = qa.locator('[data-part="status"]');
  // The line is the reader's: where the playground loads the model.
  await expect(status.locator('[data-part="error"]')).toHaveText(
    'Line 15, column 15: Could not load the model "tiny-bert-squad": this site does not serve its file onnx/model_quantized.onnx, and this deployment does not download models from the Hugging Face hub. Choose a model the site serves, or mirror this one into it (docs/models.md).',
  );
  // No library internals: the only frames are the reader's own lines.
  const stack = (await status.locator('.pg-stack').innerText()).split('\n').slice(1);
  expect(stack.length).toBeGreaterThan(0);
  for (const frame of stack) expect(frame).toContain('bert/question-answering.ts');
  // A model the site does not serve at all, by name.
  const tokens = await start(page, 'bert/tokens.ts', { params: { model: 'Xenova/bert-base-uncased' } });
  await expect(tokens).toHaveAttribute('data-state', 'error', { timeout: 100_000 });
  await expect(tokens.locator('[data-part="error"]')).toContainText('Could not load the model "Xenova/bert-base-uncased"');
  // The rest of the page works.
  await page.unroute('**/models/hf/tiny-bert-squad/onnx/model_quantized.onnx');
  await run(page, 'bert/question-answering.ts');
  expect(errors).toEqual([]);
});
