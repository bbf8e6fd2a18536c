/**
 * DQN against policy gradient on CartPole-v1 in TF.js, same environment, several seeds:
 * which learns faster and more reliably. Policy gradient is chapter 9's own playground
 * (REINFORCE, returns normalised per episode); DQN is written out here (replay buffer of
 * 50,000, batch 64, a target network copied every 500 steps, epsilon from 1 to 0.05 over
 * 10,000 steps, Adam 5e-4, Huber loss, two hidden layers of 64), a common setting.
 * Prints, per run, the environment steps and seconds until the mean length of the last
 * 100 episodes reached 195 and 475 (DQN stops at --steps environment steps).
 *
 *   nice -n 10 node scripts/reference/cartpole-dqn-vs-pg.ts --seeds 3 --steps 150000
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { activateNodeBackend } from '../../src/course/hosts/node.ts';
import { runPlaygroundFile } from '../../tests/playgrounds/harness.ts';
import { seededRandom } from '../../src/course/data/shuffle.ts';
import { cartPole, type CartPoleState } from '../../src/course/rl/cartpole.ts';

const { values } = parseArgs({ options: { seeds: { type: 'string', default: '3' }, steps: { type: 'string', default: '150000' }, algo: { type: 'string', default: 'pg,dqn' } } });
const SEEDS = Number(values.seeds);
const STEP_BUDGET = Number(values.steps);
await activateNodeBackend('wasm');

interface Run { algo: string; seed: number; steps195?: number; s195?: number; steps475?: number; s475?: number; best: number; steps: number; seconds: number }

function tracker(algo: string, seed: number) {
  const lengths: number[] = [];
  const started = performance.now();
  const run: Run = { algo, seed, best: 0, steps: 0, seconds: 0 };
  return {
    run,
    episode(length: number, steps: number) {
      lengths.push(length);
      const last = lengths.slice(-100);
      const mean = last.reduce((a, b) => a + b, 0) / last.length;
      const seconds = (performance.now() - started) / 1000;
      if (lengths.length >= 100) {
        run.best = Math.max(run.best, mean);
        if (mean >= 195 && run.steps195 === undefined) { run.steps195 = steps; run.s195 = seconds; }
        if (mean >= 475 && run.steps475 === undefined) { run.steps475 = steps; run.s475 = seconds; }
      }
      run.steps = steps;
      run.seconds = seconds;
      if (lengths.length % 50 === 0) console.log(`${algo} seed ${seed} episode ${lengths.length} steps ${steps} mean100 ${mean.toFixed(1)} ${seconds.toFixed(0)} s`);
      return run.steps475 !== undefined;
    },
  };
}

function mlp(hidden: number[], outputs: number, seed: number): tf.Sequential {
  const model = tf.sequential();
  hidden.forEach((units, i) => model.add(tf.layers.dense({ units, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: seed * 10 + i }), ...(i === 0 && { inputShape: [4] }) })));
  model.add(tf.layers.dense({ units: outputs, kernelInitializer: tf.initializers.glorotUniform({ seed: seed * 10 + 9 }) }));
  return model;
}

/** Policy gradient: chapter 9's training playground itself, with its seed param. */
async function reinforce(seed: number): Promise<Run> {
  const run = await runPlaygroundFile('rl/cartpole-train.ts', { params: { seed, episodes: 100_000 } });
  if (run.error) throw new Error(`pg seed ${seed}: ${run.error.message}`);
  const t = run.outputs.find((o) => o.kind === 'table');
  if (t?.kind !== 'table') throw new Error(`pg seed ${seed}: no result table`);
  const value = (name: RegExp) => String(t.rows.find((r) => name.test(String(r[0])))![1]);
  const at = (text: string) => {
    const m = /after ([\d,]+) steps, ([\d.]+) s/.exec(text);
    return m ? { steps: Number(m[1]!.replaceAll(',', '')), seconds: Number(m[2]) } : undefined;
  };
  const r195 = at(value(/reached 195/));
  const r475 = at(value(/reached 475/));
  return {
    algo: 'pg', seed, best: r475 ? 475 : NaN, steps: Number(value(/^environment steps$/)), seconds: Number(value(/^seconds$/)),
    ...(r195 && { steps195: r195.steps, s195: r195.seconds }), ...(r475 && { steps475: r475.steps, s475: r475.seconds }),
  };
}

async function dqn(seed: number): Promise<Run> {
  const random = seededRandom(seed);
  const env = cartPole({ seed });
  const q = mlp([64, 64], 2, seed);
  const target = mlp([64, 64], 2, seed + 1000);
  target.setWeights(q.getWeights());
  const optimizer = tf.train.adam(5e-4);
  const GAMMA = 0.99, BATCH = 64, CAP = 50000, WARMUP = 1000, TARGET_EVERY = 500, EPS_STEPS = 10000;
  const S = new Float32Array(CAP * 4), S2 = new Float32Array(CAP * 4), A = new Int32Array(CAP), R = new Float32Array(CAP), D = new Float32Array(CAP);
  let size = 0, head = 0;
  const t = tracker('dqn', seed);
  let steps = 0;
  while (steps < STEP_BUDGET) {
    let s: CartPoleState = env.reset();
    let length = 0;
    for (;;) {
      const eps = Math.max(0.05, 1 - steps / EPS_STEPS);
      const a = random() < eps ? (random() < 0.5 ? 0 : 1) : tf.tidy(() => (q.apply(tf.tensor2d([[...s]])) as tf.Tensor).argMax(1).dataSync()[0]!);
      const r = env.step(a);
      S.set(s, head * 4); S2.set(r.state, head * 4); A[head] = a; R[head] = r.reward; D[head] = r.terminated ? 1 : 0;
      head = (head + 1) % CAP; size = Math.min(size + 1, CAP);
      steps++; length++;
      s = r.state;
      if (size >= WARMUP) {
        const idx = Array.from({ length: BATCH }, () => Math.floor(random() * size));
        const bs = new Float32Array(BATCH * 4), bs2 = new Float32Array(BATCH * 4), ba = new Int32Array(BATCH), br = new Float32Array(BATCH), bd = new Float32Array(BATCH);
        idx.forEach((j, k) => { bs.set(S.subarray(j * 4, j * 4 + 4), k * 4); bs2.set(S2.subarray(j * 4, j * 4 + 4), k * 4); ba[k] = A[j]!; br[k] = R[j]!; bd[k] = D[j]!; });
        tf.tidy(() => {
          const next = (target.apply(tf.tensor2d(bs2, [BATCH, 4])) as tf.Tensor).max(1);
          const y = tf.tensor1d(br).add(next.mul(tf.scalar(1).sub(tf.tensor1d(bd))).mul(GAMMA));
          const mask = tf.oneHot(tf.tensor1d(ba, 'int32'), 2);
          const xs = tf.tensor2d(bs, [BATCH, 4]);
          optimizer.minimize(() => tf.losses.huberLoss(y, (q.apply(xs) as tf.Tensor).mul(mask).sum(1)) as tf.Scalar);
        });
      }
      if (steps % TARGET_EVERY === 0) target.setWeights(q.getWeights());
      if (r.terminated || r.truncated) break;
    }
    if (t.episode(length, steps)) break;
  }
  return t.run;
}

const runs: Run[] = [];
for (const algo of values.algo!.split(',')) {
  for (let seed = 1; seed <= SEEDS; seed++) {
    const run = algo === 'pg' ? await reinforce(seed) : await dqn(seed);
    console.log('RESULT', JSON.stringify(run));
    runs.push(run);
  }
}
const range = (xs: number[], digits = 0) => (xs.length ? `median ${median(xs).toFixed(digits)}, ${Math.min(...xs).toFixed(digits)}-${Math.max(...xs).toFixed(digits)}` : '-');
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}
for (const algo of new Set(runs.map((r) => r.algo))) {
  const of = runs.filter((r) => r.algo === algo);
  const got = (k: keyof Run) => of.flatMap((r) => (typeof r[k] === 'number' && Number.isFinite(r[k]) ? [r[k] as number] : []));
  console.log(
    `${algo}: reached 195 in ${got('steps195').length}/${of.length} runs (steps ${range(got('steps195'))}; s ${range(got('s195'), 1)}), ` +
      `475 in ${got('steps475').length}/${of.length} (steps ${range(got('steps475'))}; s ${range(got('s475'), 1)})`,
  );
}
