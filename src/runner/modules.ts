/**
 * The modules playground code may import. Each entry is a loader, so heavy libraries
 * (Transformers.js) are only loaded when a run imports them; every import of a run is
 * loaded before its code starts, so the code sees plain module namespaces through a
 * synchronous `require`.
 */
import type { RunError } from './protocol.ts';
import type { ImportSite } from './transpile.ts';

export type ModuleMap = Record<string, () => unknown>;

export type ResolvedModules = { ok: true; modules: Map<string, unknown> } | { ok: false; error: RunError };

export async function resolveImports(imports: readonly ImportSite[], map: ModuleMap, filename: string): Promise<ResolvedModules> {
  const modules = new Map<string, unknown>();
  for (const { specifier, line } of imports) {
    if (modules.has(specifier)) continue;
    const load = Object.hasOwn(map, specifier) ? map[specifier] : undefined;
    if (!load) {
      const known = Object.keys(map).map((s) => `"${s}"`).join(', ');
      return {
        ok: false,
        error: {
          phase: 'import',
          message: `Cannot import "${specifier}" at ${filename}:${line}: playgrounds can import ${known}.`,
          line,
        },
      };
    }
    try {
      modules.set(specifier, await load());
    } catch (err) {
      return {
        ok: false,
        error: {
          phase: 'import',
          message: `Loading "${specifier}" (imported at ${filename}:${line}) failed: ${err instanceof Error ? err.message : String(err)}`,
          line,
        },
      };
    }
  }
  return { ok: true, modules };
}

/** The `require` that transpiled code calls; only resolved modules exist. */
export function requireFrom(modules: ReadonlyMap<string, unknown>): (specifier: string) => unknown {
  return (specifier) => {
    if (!modules.has(specifier)) {
      throw new Error(`Cannot import "${specifier}": imports must be plain string literals that the runner can see before the code runs.`);
    }
    return modules.get(specifier);
  };
}
