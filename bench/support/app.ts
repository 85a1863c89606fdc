import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

// What every benchmark needs: the production build served on a free port
// (embedded database in a scratch folder, or a scratch PostgreSQL database
// when BENCH_DATABASE_URL is set, with a separate jobs worker), sign-in,
// and a closed-loop load generator whose figures are compared with the
// framework's floor measured in the same run.

const root = path.resolve(import.meta.dirname, '..', '..');
export const BENCH_PASSWORD = 'bench-password-0123456789';

export interface BenchApp {
  url: string;
  label: string;
  /** The jobs worker, when the app runs on PostgreSQL. */
  worker: ChildProcess | null;
  server: ChildProcess;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A new database on the PostgreSQL server of `url`, and how to drop it. */
export async function scratchDatabase(url: string): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `msp_bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    name,
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

function child(script: string, env: NodeJS.ProcessEnv, label: string): ChildProcess {
  const proc = spawn(process.execPath, ['--import', 'tsx', script], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  // Warnings and errors only: the benchmark's own lines stay readable.
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (/"level":(40|50|60)|Error|error:/.test(line)) process.stderr.write(`[${label}] ${line.slice(0, 400)}\n`);
    }
  };
  proc.stdout?.on('data', forward);
  proc.stderr?.on('data', forward);
  return proc;
}

async function waitForHealth(url: string, proc: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (proc.exitCode !== null) throw new Error(`the server exited with code ${proc.exitCode} before it answered`);
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the server did not answer ${url}/api/health within ${timeoutMs / 1000} s`);
}

/**
 * Starts the production server (building first when the sources are newer
 * than the build, as `npm start` does) in demo mode, so that the demo users
 * exist with BENCH_PASSWORD. `env` adds settings (vendor URLs, BENCH=1, …).
 */
export async function startApp(env: Record<string, string> = {}): Promise<BenchApp> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'msp-bench-'));
  const database = process.env.BENCH_DATABASE_URL ? await scratchDatabase(process.env.BENCH_DATABASE_URL) : null;
  const common: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    PORT: String(port),
    DATA_DIR: dataDir,
    DEMO: '1',
    DEMO_PASSWORD: BENCH_PASSWORD,
    DATABASE_URL: database?.url ?? '',
    AUTH_SECRET: 'bench-auth-secret-0123456789abcdef0123456789',
    REDIS_URL: '',
    RATE_LIMIT_PER_MINUTE: '10000000',
    LOG_LEVEL: 'warn',
    ...env,
  };
  const url = `http://127.0.0.1:${port}`;
  // On PostgreSQL the web process only serves; one worker runs the jobs, as in production.
  const server = child('scripts/start.ts', { ...common, RUN_JOBS_IN_WEB: database ? '0' : '1' }, 'web');
  await waitForHealth(url, server, 900_000);
  const worker = database ? child('jobs/main.ts', common, 'jobs') : null;
  const label = database ? 'PostgreSQL, separate jobs worker' : 'embedded database (PGlite), jobs in the web process';
  return {
    url,
    label,
    server,
    worker,
    stop: async () => {
      for (const proc of [worker, server]) {
        if (!proc || proc.exitCode !== null) continue;
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
        if (proc.exitCode === null) proc.kill('SIGKILL');
      }
      await database?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An access token for the API (`Authorization: Bearer …`). */
export async function apiToken(url: string, email = 'superuser@demo.local'): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  const json = (await res.json()) as { data?: { access_token?: string } };
  if (!json.data?.access_token) throw new Error(`API login failed (${res.status})`);
  return json.data.access_token;
}

/** A signed-in browser session's cookie header, through the sign-in form's endpoints. */
export async function sessionCookie(url: string, email = 'superuser@demo.local'): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrf = await fetch(`${url}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const signIn = await fetch(`${url}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie(), origin: url },
    body: new URLSearchParams({ email, password: BENCH_PASSWORD, csrfToken, callbackUrl: `${url}/` }),
  });
  keep(signIn);
  if (![...jar.keys()].some((k) => k.includes('session-token'))) throw new Error(`browser sign-in failed (${signIn.status})`);
  return cookie();
}

export interface LoadFigures {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  statuses: Record<number, number>;
  bytes: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Closed-loop load: `connections` callers each send the next request when
 * the last one is answered, for `seconds` (after a short warm-up). Requests
 * go over node:http with kept-alive connections and ask for gzip as a
 * browser does; bodies are read but not decompressed, so the figures are the
 * server's, not this process's.
 */
export async function load(url: string, headers: Record<string, string>, options: { connections: number; seconds: number; warmup?: number }): Promise<LoadFigures> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const get = () =>
    new Promise<{ status: number; bytes: number }>((resolve, reject) => {
      const req = http.get(url, { agent, headers: { 'accept-encoding': 'gzip', ...headers } }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
        res.on('error', reject);
      });
      req.on('error', reject);
    });
  const run = async (seconds: number) => {
    const latencies: number[] = [];
    const statuses: Record<number, number> = {};
    let bytes = 0;
    const until = performance.now() + seconds * 1000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: options.connections }, async () => {
        while (performance.now() < until) {
          const t0 = performance.now();
          const res = await get();
          bytes += res.bytes;
          latencies.push(performance.now() - t0);
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return { requests: latencies.length, perSecond: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), statuses, bytes: bytes / Math.max(1, latencies.length) };
  };
  try {
    await run(options.warmup ?? 1);
    return await run(options.seconds);
  } finally {
    agent.destroy();
  }
}

/** One line: the figure, its floor from the same run, and their ratio. */
export function compareLine(label: string, figure: LoadFigures, floor: LoadFigures, target?: string): string {
  const ratio = figure.perSecond / floor.perSecond;
  const odd = Object.keys(figure.statuses).filter((s) => !['200', '304'].includes(s));
  return (
    `${label.padEnd(34)} ${figure.perSecond.toFixed(1).padStart(7)} req/s  p50 ${figure.p50.toFixed(1).padStart(7)} ms  p99 ${figure.p99.toFixed(1).padStart(7)} ms` +
    `  ${(figure.bytes / 1024).toFixed(1).padStart(7)} KiB sent  | floor ${floor.perSecond.toFixed(1)} req/s  ratio ${ratio.toFixed(2)}×` +
    (target ? `  (target ${target})` : '') +
    (odd.length ? `  statuses ${JSON.stringify(figure.statuses)}` : '')
  );
}
