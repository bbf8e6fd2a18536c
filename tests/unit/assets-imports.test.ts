import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Relative imports of each .ts file under the given folders (type-only imports count: they are still a dependency). */
function importGraph(folders: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const folder of folders) {
    for (const name of readdirSync(folder).filter((f) => f.endsWith('.ts'))) {
      const file = join(folder, name);
      const deps = [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^'"]*from\s+'(\.[^']+\.ts)'/gm)].map((m) => normalize(join(dirname(file), m[1]!)));
      graph.set(file, deps);
    }
  }
  return graph;
}

function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'open');
    path.push(node);
    for (const dep of graph.get(node) ?? []) {
      const cycle = visit(dep);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('npm run assets modules', () => {
  it('import each other one way only (the entry types live in scripts/assets/entry.ts)', () => {
    const graph = importGraph(['scripts/assets', 'scripts/convert']);
    expect(graph.get('scripts/convert/vgg16-assets.ts')).toContain('scripts/assets/entry.ts');
    expect(findCycle(graph)).toBeUndefined();
  });

  it('would see a cycle', () => {
    expect(findCycle(new Map([['a', ['b']], ['b', ['a']]]))).toEqual(['a', 'b', 'a']);
  });
});
