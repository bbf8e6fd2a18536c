/**
 * The real content collection (src/content.config.ts) run by Astro itself on a chapter
 * with broken frontmatter: the build must stop and say which file and which fields.
 * The fixture lives under node_modules/.cache so Astro and its packages resolve from it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const fixture = join(repo, 'node_modules/.cache', `chapter-schema-fixture-${process.pid}`);

function write(path: string, text: string): void {
  mkdirSync(join(fixture, path, '..'), { recursive: true });
  writeFileSync(join(fixture, path), text);
}

afterAll(() => rmSync(fixture, { recursive: true, force: true }));

describe('chapter frontmatter at build time', () => {
  it('fails the content sync, naming the file and each broken field', { timeout: 180_000 }, () => {
    write('astro.config.mjs', "import mdx from '@astrojs/mdx';\nexport default { integrations: [mdx()] };\n");
    write('src/content.config.ts', `export { collections } from ${JSON.stringify(join(repo, 'src/content.config.ts'))};\n`);
    write(
      'content/01-fine/index.mdx',
      '---\ntitle: A fine chapter\ndescription: This one has every field it needs.\nchapter: 1\nobjectives:\n  - Pass validation\n---\n\nText.\n',
    );
    write(
      'content/02-broken/index.mdx',
      '---\ntitle: A broken chapter\ndescription: This one forgot its number.\nobjectives: learn things\n---\n\nText.\n',
    );

    const run = spawnSync(process.execPath, [join(repo, 'node_modules/astro/bin/astro.mjs'), 'sync', '--root', fixture], {
      cwd: fixture,
      encoding: 'utf8',
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' },
    });
    const output = `${run.stdout}\n${run.stderr}`;

    expect(run.status, output).not.toBe(0);
    expect(output).toContain(join('content', '02-broken', 'index.mdx'));
    expect(output).toContain('"chapter" is missing');
    expect(output).toContain('"objectives" must be a list');
    expect(output).not.toContain('01-fine');
  });
});
