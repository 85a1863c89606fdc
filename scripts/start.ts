import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { serve } from './serve';

// npm start: build when the sources are newer than the last build, then
// serve the product (migrations, demo data and jobs start with the server).

const root = path.resolve(import.meta.dirname, '..');
const SOURCES = ['app', 'components', 'lib', 'db', 'jobs', 'public', 'instrumentation.ts', 'proxy.ts', 'next.config.ts', 'package-lock.json'];

function newestSourceTime(entry: string): number {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(full)) newest = Math.max(newest, newestSourceTime(path.join(entry, child)));
  return newest;
}

function needsBuild(): boolean {
  const marker = path.join(root, '.next', 'BUILD_ID');
  if (!fs.existsSync(marker)) return true;
  const built = fs.statSync(marker).mtimeMs;
  return SOURCES.some((entry) => newestSourceTime(entry) > built);
}

if (needsBuild()) {
  console.log('Building the application (first start, or sources changed) ...');
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

(process.env as Record<string, string>).NODE_ENV = 'production';
await serve(root);
