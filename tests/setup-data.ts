/**
 * Vitest global setup: runs the build's data step (`npm run data`) once, so tests on
 * a fresh clone find public/data/ as a built site has it. Skips work when up to date.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/prepare-data.ts'], { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: 'inherit' });
}
