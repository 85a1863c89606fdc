import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { importTarget, SLICES, SPINE } from '@/eslint/layers.mjs';

// The slices' imports run one way: lib/qbr reports on lib/inventory and
// lib/drupal, and no slice imports one that (through any path) imports it
// back. A cycle through a slice would also make module evaluation order
// matter: a table built at module load could read a binding of a module not
// yet evaluated. This walks the static imports (`import … from`,
// `export … from`, types included) of every source file in lib/ and looks
// for a cycle between the parts of lib/ that passes through a slice or the
// composition above them. The spine counts as one part: its own modules
// lean on each other, and that is not what this guards.

const ROOT = path.resolve(import.meta.dirname, '..');
const COMPOSITION = 'lib/collectors';

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

/** Each file of lib/ and the lib/ files it imports statically. */
function libImports(): [string, string][] {
  const files = sourceFiles('lib');
  const known = new Set(files);
  const resolve = (file: string, specifier: string) => {
    const target = importTarget(file, specifier);
    if (target.kind !== 'repo') return null;
    return [target.path, `${target.path}.ts`, `${target.path}.tsx`, `${target.path}/index.ts`].find((candidate) => known.has(candidate)) ?? null;
  };
  return files.flatMap((file) => {
    const source = ts.createSourceFile(file, fs.readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest);
    return source.statements.flatMap((statement): [string, string][] => {
      if (!(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement))) return [];
      const specifier = statement.moduleSpecifier;
      const to = specifier && ts.isStringLiteral(specifier) ? resolve(file, specifier.text) : null;
      return to ? [[file, to]] : [];
    });
  });
}

/** The part of lib/ a file belongs to: a slice, the composition, the spine (one part), or another folder. */
function partOf(file: string): string {
  const dir = file.split('/').slice(0, 2).join('/');
  return SPINE.includes(dir) ? 'spine' : dir;
}

const guarded = (part: string) => part === COMPOSITION || SLICES.some((slice) => part === `lib/${slice}`);

/** The cycles between parts (strongly connected components of two or more) that include a slice or the composition. */
function cyclesThroughSlices(imports: readonly [string, string][]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const [from, to] of imports) {
    const [a, b] = [partOf(from), partOf(to)];
    if (!next.has(a)) next.set(a, new Set());
    if (!next.has(b)) next.set(b, new Set());
    if (a !== b) next.get(a)!.add(b);
  }
  // Tarjan's strongly connected components.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const components: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of next.get(v)!) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        component.push(w);
      } while (w !== v);
      if (component.length > 1 && component.some(guarded)) components.push(component.sort());
    }
  };
  for (const v of next.keys()) if (!index.has(v)) visit(v);
  return components;
}

describe('the import graph of lib/', () => {
  const imports = libImports();

  it('reads the imports of the source files', () => {
    expect(imports).toContainEqual(['lib/qbr/posture.ts', 'lib/inventory/index.ts']);
    expect(imports).toContainEqual(['lib/collectors/index.ts', 'lib/collectors/status.ts']);
  });

  it('has no cycle between slices, or between a slice and the spine or the composition above the slices', () => {
    expect(cyclesThroughSlices(imports)).toEqual([]);
  });

  it('finds the cycles it looks for, and leaves the spine’s own alone', () => {
    expect(cyclesThroughSlices([['lib/qbr/posture.ts', 'lib/inventory/index.ts'], ['lib/inventory/status.ts', 'lib/qbr/index.ts']])).toEqual([['lib/inventory', 'lib/qbr']]);
    expect(cyclesThroughSlices([['lib/drupal/jobs.ts', 'lib/jobs/index.ts'], ['lib/jobs/chain.ts', 'lib/drupal/index.ts']])).toEqual([['lib/drupal', 'spine']]);
    expect(cyclesThroughSlices([['lib/inventory/a.ts', 'lib/vendors/x/source.ts'], ['lib/vendors/x/source.ts', 'lib/collectors/index.ts'], ['lib/collectors/index.ts', 'lib/inventory/index.ts']])).toEqual([
      ['lib/collectors', 'lib/inventory', 'lib/vendors'],
    ]);
    expect(cyclesThroughSlices([['lib/http/route.ts', 'lib/auth/policy.ts'], ['lib/auth/sessions.ts', 'lib/http/rate-limit.ts'], ['lib/qbr/a.ts', 'lib/http/route.ts']])).toEqual([]);
  });
});
