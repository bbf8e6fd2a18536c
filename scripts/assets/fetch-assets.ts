/**
 * `npm run assets [-- --strict] [ids...]`: fetches, checks and converts the
 * assets of manifest.ts into public/ (cache: .cache/assets). Offline it reports
 * each missing asset in one line and exits 0; with --strict a missing required
 * asset exits 1 (the deploy workflow uses it).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ASSETS } from './manifest.ts';
import { runAssets } from './run.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const flags = args.filter((a) => a.startsWith('--'));
const unknownFlags = flags.filter((f) => f !== '--strict');
if (unknownFlags.length) {
  console.error(`assets: unknown option ${unknownFlags.join(' ')}; usage: npm run assets -- [--strict] [${ASSETS.map((a) => a.id).join('|')} ...]`);
  process.exit(2);
}

try {
  const report = await runAssets(ASSETS, {
    publicDir: join(root, 'public'),
    cacheDir: join(root, '.cache', 'assets'),
    strict: flags.includes('--strict'),
    only: args.filter((a) => !a.startsWith('--')),
    progress: true,
  });
  process.exitCode = report.exitCode;
} catch (e) {
  // Usage errors (an unknown asset id) and bugs; a missing asset is reported, not thrown.
  console.error(`assets: ${(e as Error).message}`);
  process.exitCode = 2;
}
