/**
 * Build time only: collects the type declarations Monaco needs for completions, hover docs
 * and errors on `@tensorflow/tfjs`, `@huggingface/transformers` and `course`. Starting from
 * those entry points it follows every import and `/// <reference>` with TypeScript's own
 * resolver (node10 resolution, the same Monaco's TypeScript worker uses), so the bundle holds
 * exactly the declarations reachable from what playground code can import.
 *
 * Paths are virtual `node_modules/...` paths: the page registers each file under
 * `file:///<path>` and Monaco resolves imports against them like a project on disk.
 * `course` is shipped as its TypeScript source, as the package `node_modules/course`.
 */
import ts from 'typescript';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

export interface TypesBundle {
  /** Virtual path (e.g. `node_modules/@tensorflow/tfjs/dist/index.d.ts`) -> file text. */
  files: Record<string, string>;
}

/** Type packages reached by references that describe Node or nothing playground code uses. */
const SKIP_TYPE_REFERENCES = new Set(['node']);

const OPTIONS: ts.CompilerOptions = {
  moduleResolution: ts.ModuleResolutionKind.Node10,
  allowImportingTsExtensions: true,
  target: ts.ScriptTarget.ES2022,
};

export function buildTypesBundle(projectRoot: string, packages: string[] = ['@tensorflow/tfjs', '@huggingface/transformers']): TypesBundle {
  const files: Record<string, string> = {};
  const courseSrc = join(projectRoot, 'src');
  const toVirtual = (file: string): string | undefined => {
    const rel = relative(projectRoot, file).split(sep).join('/');
    if (rel.startsWith('node_modules/')) return rel;
    // The course library and the protocol types it re-exports, under node_modules/course.
    if (file.startsWith(courseSrc + sep)) return `node_modules/course/${rel}`;
    return undefined;
  };

  const seen = new Set<string>();
  const queue: string[] = [];
  const add = (file: string | undefined) => {
    if (!file || seen.has(file) || !toVirtual(file)) return;
    seen.add(file);
    queue.push(file);
  };

  const anchor = join(projectRoot, 'index.ts');
  for (const spec of packages) {
    const resolved = ts.resolveModuleName(spec, anchor, OPTIONS, ts.sys).resolvedModule;
    if (!resolved) throw new Error(`types bundle: cannot resolve the declarations of ${spec}`);
    add(resolved.resolvedFileName);
  }
  const courseEntry = join(courseSrc, 'course', 'index.ts');
  add(courseEntry);

  while (queue.length > 0) {
    const file = queue.shift()!;
    const text = readFileSync(file, 'utf8');
    files[toVirtual(file)!] = text;
    const info = ts.preProcessFile(text, true, true);
    for (const ref of info.importedFiles) {
      add(ts.resolveModuleName(ref.fileName, file, OPTIONS, ts.sys).resolvedModule?.resolvedFileName);
    }
    for (const ref of info.referencedFiles) {
      add(join(dirname(file), ref.fileName));
    }
    for (const ref of info.typeReferenceDirectives) {
      if (SKIP_TYPE_REFERENCES.has(ref.fileName)) continue;
      add(ts.resolveTypeReferenceDirective(ref.fileName, file, OPTIONS, ts.sys).resolvedTypeReferenceDirective?.resolvedFileName);
    }
  }

  for (const file of seen) addPackageJson(file, projectRoot, files);
  files['node_modules/course/package.json'] = JSON.stringify({ name: 'course', types: relative(projectRoot, courseEntry).split(sep).join('/') });
  return { files };
}

/** The nearest package.json of a collected file, trimmed to what type resolution reads. */
function addPackageJson(file: string, projectRoot: string, files: Record<string, string>): void {
  for (let dir = dirname(file); dir.startsWith(join(projectRoot, 'node_modules')); dir = dirname(dir)) {
    const pkgPath = join(dir, 'package.json');
    if (!existsSync(pkgPath)) continue;
    const virtual = relative(projectRoot, pkgPath).split(sep).join('/');
    if (files[virtual]) return;
    const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as Record<string, unknown>;
    if (typeof pkg.name !== 'string') continue;
    const { name, version, types, typings, typesVersions, main } = pkg;
    files[virtual] = JSON.stringify({ name, version, types, typings, typesVersions, main });
    return;
  }
}
