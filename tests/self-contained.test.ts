import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// A user's clone has nothing beside it: no code or test may read a file
// outside the repository. CI runs the suite in a lone temporary clone, which
// catches relative paths that climb out; this test also catches absolute
// paths of one machine, which would still resolve there.

const ROOT = path.resolve(import.meta.dirname, '..');
const SKIP = new Set(['node_modules', '.next', '.data', '.tools', '.git', 'test-results', 'playwright-report', 'coverage']);
const SOURCE = /\.(ts|tsx|mts|mjs|js|cjs|sh)$/;
// An absolute path of some machine, and a relative path (as in an import or
// path.resolve(__dirname, …)) that climbs out of the repository from its file.
const ABSOLUTE = /['"`]\/(work|root|home|srv|mnt)\//;
const RELATIVE = /['"`]((?:\.\.\/)+[^'"`]*)['"`]/g;

// Only where a path is used: imports, path helpers and file reads.
const USES_PATH = /\bfrom\s|\bimport\(|\brequire\(|\bpath\.|readFile|readdir|new URL\(/;

function readsOutside(file: string, line: string): boolean {
  if (ABSOLUTE.test(line)) return true;
  if (!USES_PATH.test(line)) return false;
  return [...line.matchAll(RELATIVE)].some(([, relative]) => {
    const target = path.resolve(path.dirname(path.join(ROOT, file)), relative!);
    return path.relative(ROOT, target).startsWith('..');
  });
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return SOURCE.test(entry.name) ? [full] : [];
  });
}

describe('the repository is self-contained', () => {
  it('reads no file from outside the repository', () => {
    const self = path.relative(ROOT, import.meta.filename);
    const offenders = sourceFiles(ROOT)
      .map((file) => path.relative(ROOT, file))
      .filter((file) => file !== self)
      .flatMap((file) =>
        fs
          .readFileSync(path.join(ROOT, file), 'utf8')
          .split('\n')
          .map((line, i) => ({ where: `${file}:${i + 1}`, line }))
          .filter(({ line }) => readsOutside(file, line)),
      )
      .map(({ where, line }) => `${where}: ${line.trim()}`);
    expect(offenders).toEqual([]);
  });

  it('finds the offences it looks for', () => {
    const file = 'lib/drupal/__fixtures__/paths.ts';
    // Built from parts, so that the scan above does not find the examples in this file.
    const up = '../'.repeat(4);
    const outside = [`const F = '/${'work'}/shared/fixtures/drupal';`, `path.resolve(__dirname, '${up}shared/fixtures')`, `import x from '${up}x';`];
    for (const line of outside) expect(readsOutside(file, line), line).toBe(true);
    for (const line of ["import x from '../../../lib/x';", "import y from '../shared/http';"]) expect(readsOutside(file, line), line).toBe(false);
  });
});
