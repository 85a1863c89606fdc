import { spawnSync } from 'node:child_process';
import path from 'node:path';

// npm run bench: every benchmark, one after the other, each in its own
// process; the figures are what they print. A benchmark is added to this
// list. `npm run bench -- <name>` runs only the benchmarks whose file name
// contains <name>; BENCH_DATABASE_URL adds the PostgreSQL runs.

const benchmarks: { file: string; args?: string[] }[] = [
  { file: 'bench/drupal-ingest.ts' },
  { file: 'bench/inventory-collect.ts' },
  { file: 'bench/inventory-reads.ts' },
];

const root = path.resolve(import.meta.dirname, '..');
const only = process.argv[2];
let failed = 0;
for (const bench of benchmarks.filter((b) => !only || b.file.includes(only))) {
  console.log(`\n### ${bench.file}\n`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', bench.file, ...(bench.args ?? [])], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    failed += 1;
    console.error(`${bench.file} failed (${result.status ?? result.signal})`);
  }
}
process.exit(failed > 0 ? 1 : 0);
