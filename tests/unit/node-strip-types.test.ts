/**
 * The reference scripts (`npm run reference:mnist`, scripts/reference/) run the course's
 * TypeScript with Node's own type stripping, which refuses what it cannot simply erase
 * (parameter properties, enums). This loads what they import the same way.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('Node type stripping', () => {
  it('loads the course library and the runner as the reference scripts do', () => {
    const script = "await import('./src/course/index.ts'); await import('./src/runner/execute.ts'); await import('./tests/playgrounds/harness.ts'); console.log('loaded');";
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out.trim().split('\n').pop()).toBe('loaded');
  }, 60_000);
});
