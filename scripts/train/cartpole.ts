/**
 * Trains the course's CartPole agent: chapter 9's training playground
 * (`playgrounds/rl/cartpole-train.ts`, unchanged) in Node with its `seed` param, then
 * scores the greedy agent with the chapter's play playground (100 episodes from its
 * fixed start-state seed), and writes it to `public/trained/cartpole/` (model.json +
 * weights.bin, committed) and the run's log to `scripts/train/cartpole.log`.
 * Refuses to write an agent that does not score a mean of at least 475.
 *
 *   nice -n 10 node scripts/train/cartpole.ts --seed 1
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { runPlaygroundFile, withSeededRandom } from '../../tests/playgrounds/harness.ts';
import type { Output } from '../../src/runner/protocol.ts';

const { values } = parseArgs({ options: { seed: { type: 'string', default: '1' }, episodes: { type: 'string', default: '2000' } } });
const SEED = Number(values.seed);
const EPISODES = Number(values.episodes);
const outDir = fileURLToPath(new URL('../../public/trained/cartpole/', import.meta.url));
const logFile = fileURLToPath(new URL('./cartpole.log', import.meta.url));

const log: string[] = [];
const say = (line: string) => {
  console.log(line);
  log.push(line);
};
const tablesOf = (outputs: Output[]) =>
  outputs.flatMap((o) => (o.kind === 'table' ? [`${o.caption}\n${o.rows.map((r) => `  ${r.join(': ')}`).join('\n')}`] : []));

say(`scripts/train/cartpole.ts --seed ${SEED} --episodes ${EPISODES}  (${new Date().toISOString()}, Node ${process.version}, TF.js ${tf.version.tfjs})`);
const kept = new Map<string, unknown>();
const train = await runPlaygroundFile('rl/cartpole-train.ts', { params: { episodes: EPISODES, seed: SEED }, kept });
if (train.error) throw new Error(`training failed: ${train.error.message}`);
for (const t of tablesOf(train.outputs)) say(t);

const score = await withSeededRandom(SEED, () => runPlaygroundFile('rl/cartpole-play.ts', { params: { agent: 'yours', speed: 20 }, kept }));
if (score.error) throw new Error(`scoring failed: ${score.error.message}`);
for (const t of tablesOf(score.outputs)) say(t);
const scoreTable = score.outputs.find((o) => o.kind === 'table');
const mean = scoreTable?.kind === 'table' ? Number(scoreTable.rows[0]![1]) : NaN;
if (!(mean >= 475)) {
  await writeFile(logFile, `${log.join('\n')}\nNOT WRITTEN: greedy mean ${mean} < 475\n`);
  throw new Error(`the greedy agent scored ${mean}, below 475: not written (try another --seed)`);
}

const agent = kept.get('cartpole-agent') as tf.LayersModel;
await agent.save(
  tf.io.withSaveHandler(async (artifacts) => {
    await mkdir(outDir, { recursive: true });
    const weights = new Uint8Array(artifacts.weightData as ArrayBuffer);
    await writeFile(`${outDir}weights.bin`, weights);
    const modelJson = {
      format: 'layers-model',
      generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
      convertedBy: `scripts/train/cartpole.ts --seed ${SEED} --episodes ${EPISODES}`,
      modelTopology: artifacts.modelTopology,
      weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
    };
    await writeFile(`${outDir}model.json`, `${JSON.stringify(modelJson)}\n`);
    say(`wrote ${outDir}model.json and weights.bin (${weights.length} bytes)`);
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }),
);
await writeFile(logFile, `${log.join('\n')}\n`);
