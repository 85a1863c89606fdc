// Drupal report ingest benchmark, against a production build that it starts
// itself: on the embedded database, and on PostgreSQL too when
// BENCH_DATABASE_URL is set (there with a separate `npm run jobs` worker).
// Every figure is printed with its floor, measured in the same run on the
// same server, and the ratio between them:
//
//   1. 150-module `drush pm:list` reports, 64 concurrent, each with its site's
//      key: throughput and p99 against the bare route handler (same wrapper,
//      credentials, rate limit and body parsing, nothing else; BENCH=1 only).
//   2. ≈10-module reports, 20 concurrent, from sites that already run those
//      modules (an hourly cron's steady state): throughput against GET /api/health.
//   3. The burst of (1): time from the last 202 until every report is
//      applied and every site module has its verdict; then the number of
//      site modules still `not_fetched` although their project's release data
//      is stored (a lost verdict: must be 0).
//
//   sh scripts/with-node.sh node --import tsx bench/drupal-ingest.ts [--sites 1000] [--profile]
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres sh scripts/with-node.sh node --import tsx bench/drupal-ingest.ts
//
// Options: --sites N (default 200; the burst size, one report per site),
// --modules N (150), --concurrency N (64), --small-modules N (10),
// --small-concurrency N (20), --timeout SECONDS (600, the wait for verdicts),
// --port N (3203; the worker's release-data simulator takes the next one),
// --only embedded|postgres, --profile (CPU profiles of the server and the
// worker; the functions that dominated are printed).
// The release data comes from the built-in release-history simulator, with a
// generated history for every project the reports name. Sites, keys and data
// live in a scratch database (a temporary folder, or a database created on
// the server and dropped afterwards). Every loop is bounded in count and time.

import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateReleaseHistoryXml, startReleaseHistorySimulator, type GeneratedRelease } from '@/lib/simulators/drupal-release-history';
import { scratchDatabase } from './support/app';

const root = path.resolve(import.meta.dirname, '..');

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = process.argv[index + 1];
  if (value === undefined || value.startsWith('--')) return 'true';
  return value;
}
const numberOption = (name: string, fallback: number) => {
  const value = Number(option(name, String(fallback)));
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
};

const SITES = numberOption('sites', 200);
const MODULES = numberOption('modules', 150);
const CONCURRENCY = numberOption('concurrency', 64);
const SMALL_MODULES = numberOption('small-modules', 10);
const SMALL_CONCURRENCY = numberOption('small-concurrency', 20);
const TIMEOUT_SECONDS = numberOption('timeout', 600);
const PORT = numberOption('port', 3203);
const PROFILE = process.argv.includes('--profile');
const ONLY = option('only', '');
/** Distinct contrib projects the reports draw from: sites share them, as real fleets do. */
const PROJECTS = 400;
const CORE_VERSION = '10.3.10';
const ADMIN = { email: 'bench@bench.local', password: 'bench-password-1234' };

type Json = Record<string, unknown>;

// ---------------------------------------------------------------------------
// Reports and release data

const projectName = (n: number) => `bench_p${n}`;
const contribVersion = (siteIndex: number, i: number) => `2.${(siteIndex + i) % 5}.${i % 3}`;

/** A `drush pm:list --format=json` report: core, contrib from the shared pool, one custom module. */
function drushReport(siteIndex: number, modules: number): Json {
  const report: Json = {
    system: { package: 'Core', project: '', name: 'system', type: 'module', path: 'core/modules/system', status: 'Enabled', version: CORE_VERSION },
    acme_custom: { package: 'Custom', project: '', name: 'acme_custom', type: 'module', path: 'modules/custom/acme_custom', status: 'Enabled', version: null },
  };
  for (let i = 0; i < modules - 2; i += 1) {
    const project = projectName((siteIndex * 7 + i) % PROJECTS);
    report[project] = {
      package: 'Contrib',
      project,
      name: project,
      type: 'module',
      path: `modules/contrib/${project}`,
      status: 'Enabled',
      version: contribVersion(siteIndex, i),
    };
  }
  return report;
}

/** Release histories for every project the reports name: 2.0.0 … 2.4.2, some of them security releases. */
function releaseHistories(): Record<string, string> {
  const histories: Record<string, string> = {};
  for (let n = 0; n < PROJECTS; n += 1) {
    const releases: GeneratedRelease[] = [];
    let age = 10;
    for (let minor = 4; minor >= 0; minor -= 1) {
      for (let patch = 2; patch >= 0; patch -= 1) {
        releases.push({ version: `2.${minor}.${patch}`, daysAgo: age, security: (n + minor + patch) % 11 === 0, coreCompatibility: '^10 || ^11' });
        age += 20;
      }
    }
    histories[projectName(n)] = generateReleaseHistoryXml({ shortName: projectName(n), supportedBranches: ['2.'], releases });
  }
  histories.drupal = generateReleaseHistoryXml({
    shortName: 'drupal',
    title: 'Drupal core',
    type: 'project_core',
    supportedBranches: ['10.3.', '10.4.', '11.0.'],
    releases: [
      { version: '11.0.5', daysAgo: 5 },
      { version: '10.4.1', daysAgo: 6 },
      { version: '10.3.11', daysAgo: 7, security: true },
      { version: CORE_VERSION, daysAgo: 60 },
    ],
  });
  return histories;
}

// ---------------------------------------------------------------------------
// HTTP

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function inParallel<T>(items: T[], limit: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await fn(items[index]!, index);
      }
    }),
  );
}

type Burst = { accepted: number; total: number; seconds: number; perSecond: number; p50: number; p99: number; lastAcceptedAt: number; other: Record<number, number> };

type Call = { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string; expect: number };

async function burst(base: string, calls: Call[], concurrency: number): Promise<Burst> {
  const latencies: number[] = [];
  let accepted = 0;
  let lastAcceptedAt = 0;
  const other: Record<number, number> = {};
  const started = performance.now();
  await inParallel(calls, concurrency, async (call) => {
    const t0 = performance.now();
    const res = await fetch(`${base}${call.path}`, {
      method: call.method,
      headers: { ...(call.body === undefined ? {} : { 'content-type': 'application/json' }), ...call.headers },
      body: call.body,
    });
    await res.arrayBuffer();
    const t1 = performance.now();
    latencies.push(t1 - t0);
    if (res.status === call.expect) {
      accepted += 1;
      lastAcceptedAt = Math.max(lastAcceptedAt, t1);
    } else other[res.status] = (other[res.status] ?? 0) + 1;
  });
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { accepted, total: calls.length, seconds, perSecond: accepted / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), lastAcceptedAt, other };
}

function api(base: string) {
  let token: string | null = null;
  const send = async (method: string, route: string, body?: unknown): Promise<{ status: number; json: Json | null }> => {
    const res = await fetch(`${base}${route}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json().catch(() => null)) as Json | null };
  };
  return {
    send,
    async login() {
      const res = await send('POST', '/api/v1/auth/login', ADMIN);
      token = (res.json?.data as { access_token?: string } | undefined)?.access_token ?? null;
      if (!token) throw new Error(`login failed (${res.status}): ${JSON.stringify(res.json)}`);
    },
    async data<T>(method: string, route: string, body?: unknown): Promise<T> {
      const res = await send(method, route, body);
      if (res.status >= 300) throw new Error(`${method} ${route}: ${res.status} ${JSON.stringify(res.json)}`);
      return res.json?.data as T;
    },
  };
}

async function waitFor(label: string, check: () => Promise<boolean>, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${label}: not ready after ${seconds} s`);
}

// ---------------------------------------------------------------------------
// Processes

type Target = {
  label: string;
  env: Record<string, string>;
  cleanup: () => Promise<void>;
};

/** Errors logged by the server and the worker during the run. */
const errors: string[] = [];

function startProcess(name: string, args: string[], env: Record<string, string>, inspectPort: number | null): ChildProcess & { output: string[] } {
  const node = [...(inspectPort ? [`--inspect=127.0.0.1:${inspectPort}`] : []), '--import', 'tsx', ...args];
  const child = spawn(process.execPath, node, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }) as ChildProcess & { output: string[] };
  child.output = [];
  const keep = (chunk: Buffer) => {
    child.output.push(chunk.toString());
    if (child.output.length > 200) child.output.shift();
    // Errors the process logs (pino level 50 and above) are reported with the figures.
    for (const line of chunk.toString().split('\n')) if (/"level":(5|6)0/.test(line)) errors.push(`${name}: ${line.slice(0, 400)}`);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('exit', (code, signal) => {
    if (code !== 0 && signal === null) console.error(`${name} exited with ${code}:\n${child.output.join('').slice(-4000)}`);
  });
  return child;
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

type CpuProfile = { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples: number[]; timeDeltas: number[] };

/** CPU profiling of another process through its inspector, for the measured part only. */
async function profiler(inspectPort: number) {
  const [target] = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  const socket = new WebSocket(target!.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  let id = 0;
  const answers = new Map<number, (result: unknown) => void>();
  socket.onmessage = (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) answers.get(message.id)?.(message.result);
  };
  const call = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve) => {
      id += 1;
      answers.set(id, resolve);
      socket.send(JSON.stringify({ id, method, params }));
    });
  await call('Profiler.enable');
  await call('Profiler.setSamplingInterval', { interval: 500 });
  return {
    start: () => call('Profiler.start'),
    stop: async () => ((await call('Profiler.stop')) as { profile: CpuProfile }).profile,
    close: () => socket.close(),
  };
}

/** Where a profiled function lives: a package, the embedded database's engine, Node.js itself, or the application. */
function areaOf(url: string, functionName: string): string {
  if (functionName.startsWith('wasm-') || url.startsWith('wasm:')) return 'PGlite engine (WebAssembly)';
  if (functionName === '(garbage collector)') return 'garbage collector';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  if (url === '' || url.startsWith('node:')) return 'Node.js (I/O, HTTP, streams)';
  if (url.includes('/.next/')) return 'application (bundled server code)';
  return `application (${path.relative(root, url.replace(/^file:\/\//, ''))})`;
}

/** Self time in CPU profiles by area and by function, as percentages. */
function profileSummary(profiles: CpuProfile[], top = 10): string {
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  const add = (map: Map<string, number>, key: string, micros: number) => map.set(key, (map.get(key) ?? 0) + micros);
  for (const profile of profiles) {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((sample, i) => {
      const frame = byId.get(sample)?.callFrame;
      if (!frame || frame.functionName === '(idle)' || frame.functionName === '(program)') return;
      const micros = profile.timeDeltas[i] ?? 0;
      const area = areaOf(frame.url, frame.functionName);
      add(byArea, area, micros);
      if (!frame.functionName.startsWith('wasm-')) add(byFunction, `${frame.functionName || '(anonymous)'} (${area})`, micros);
      total += micros;
    });
  }
  if (total === 0) return '  (no samples)';
  const lines = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, micros]) => `    ${((100 * micros) / total).toFixed(1).padStart(5)} %  ${key}`);
  return [`  busy ${(total / 1e6).toFixed(1)} s of CPU; by area:`, ...lines(byArea), '  by function:', ...lines(byFunction)].join('\n');
}

// ---------------------------------------------------------------------------
// One run on one database

type Figures = {
  label: string;
  bare: Burst;
  ingest: Burst;
  health: Burst;
  small: Burst;
  verdictSeconds: number | null;
  lost: number;
  awaiting: number;
  errors: string[];
};

type Backlog = { pending_reports: number; awaiting_verdict: number; not_fetched_with_release_data: number };

async function runOn(target: Target, simulatorUrl: string): Promise<Figures> {
  const base = `http://127.0.0.1:${PORT}`;
  const inspect = { server: PORT + 1, worker: PORT + 2 };
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    PORT: String(PORT),
    BENCH: '1',
    DEMO: '0',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '1000000',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    AUTH_SECRET: crypto.randomBytes(32).toString('hex'),
    DRUPAL_RELEASE_HISTORY_URL: simulatorUrl,
    NEXT_TELEMETRY_DISABLED: '1',
    ...target.env,
  };
  const children: ChildProcess[] = [];
  try {
    const server = startProcess('server', ['scripts/start.ts'], env, PROFILE ? inspect.server : null);
    children.push(server);
    await waitFor('server', async () => (await fetch(`${base}/api/health/ready`)).ok, 900);
    const worker = Boolean(target.env.DATABASE_URL);
    if (worker) children.push(startProcess('jobs worker', ['jobs/main.ts'], env, PROFILE ? inspect.worker : null));
    const inspector = async (port: number) => {
      await waitFor(`inspector on ${port}`, async () => (await fetch(`http://127.0.0.1:${port}/json/list`)).ok, 120);
      return profiler(port);
    };
    const profilers = PROFILE ? await Promise.all([inspector(inspect.server), ...(worker ? [inspector(inspect.worker)] : [])]) : [];
    const profiled = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
      await Promise.all(profilers.map((p) => p.start()));
      const result = await work();
      if (profilers.length > 0) {
        const profiles = await Promise.all(profilers.map((p) => p.stop()));
        console.log(`\nWhere the time went: ${label} (${target.label}; self time${worker ? ', server and worker' : ''}):\n${profileSummary(profiles)}`);
      }
      return result;
    };

    const client = api(base);
    await client.login();
    const org = await client.data<{ id: number }>('POST', '/api/v1/organizations', { name: `Bench ${Date.now()}` });
    const sites: { id: number; key: string }[] = new Array(SITES);
    await inParallel(Array.from({ length: SITES }, (_, i) => i), 8, async (i) => {
      const site = await client.data<{ id: number }>('POST', '/api/v1/sites', { url: `https://s${i}.bench.example`, name: `bench ${i}`, organization_id: org.id });
      const key = await client.data<{ key: string }>('POST', '/api/v1/api-keys', { name: `bench ${i}`, organization_id: org.id, role: 'developer', site_id: site.id });
      sites[i] = { id: site.id, key: key.key };
    });
    const backlog = () => client.data<Backlog>('GET', '/api/v1/sites/bench-status');

    // Warm-up: every route compiled and its code hot, on a site the bursts do not use.
    const warm = sites[0]!;
    for (let i = 0; i < 20; i += 1) {
      await fetch(`${base}/api/health`);
      await fetch(`${base}/api/v1/sites/bench-baseline`, { method: 'POST', headers: { 'x-api-key': warm.key, 'content-type': 'application/json' }, body: JSON.stringify(drushReport(0, MODULES)) });
    }
    await fetch(`${base}/api/v1/sites/${warm.id}/modules`, { method: 'POST', headers: { 'x-api-key': warm.key, 'content-type': 'application/json' }, body: JSON.stringify(drushReport(0, MODULES)) });
    await waitFor('warm-up report', async () => (await backlog()).pending_reports === 0, 120);

    const bodies = sites.map((_, i) => JSON.stringify(drushReport(i, MODULES)));
    // Every key used once just before: a key's first use in a minute records it (one write), for the floor as for the path.
    const touchKeys = () =>
      inParallel(sites, 8, async (s) => {
        await (await fetch(`${base}/api/v1/sites/bench-baseline`, { method: 'POST', headers: { 'x-api-key': s.key, 'content-type': 'application/json' }, body: '{}' })).arrayBuffer();
      });
    await touchKeys();
    const bare = await burst(base, sites.map((s, i) => ({ method: 'POST', path: '/api/v1/sites/bench-baseline', headers: { 'x-api-key': s.key }, body: bodies[i], expect: 202 })), CONCURRENCY);
    const { ingest, verdictSeconds, last } = await profiled(`the burst of ${MODULES}-module reports until every verdict`, async () => {
      const ingest = await burst(base, sites.map((s, i) => ({ method: 'POST', path: `/api/v1/sites/${s.id}/modules`, headers: { 'x-api-key': s.key }, body: bodies[i], expect: 202 })), CONCURRENCY);
      // Every report applied and every site module judged (the simulator has data for every project).
      let verdictSeconds: number | null = null;
      let last: Backlog = { pending_reports: -1, awaiting_verdict: -1, not_fetched_with_release_data: -1 };
      const deadline = Date.now() + TIMEOUT_SECONDS * 1000;
      while (Date.now() < deadline) {
        last = await backlog();
        if (last.pending_reports === 0 && last.awaiting_verdict === 0) {
          verdictSeconds = (performance.now() - ingest.lastAcceptedAt) / 1000;
          break;
        }
        await new Promise((r) => setTimeout(r, 250));
      }
      if (verdictSeconds === null) last = await backlog();
      return { ingest, verdictSeconds, last };
    });

    // Small reports in the steady state of an hourly cron: the sites already run those modules.
    const smallBodies = sites.map((_, i) => JSON.stringify(drushReport(i, SMALL_MODULES)));
    await inParallel(sites, SMALL_CONCURRENCY, async (s, i) => {
      await (await fetch(`${base}/api/v1/sites/${s.id}/modules`, { method: 'POST', headers: { 'x-api-key': s.key, 'content-type': 'application/json' }, body: smallBodies[i] })).arrayBuffer();
    });
    await waitFor('small reports applied', async () => (await backlog()).pending_reports === 0, TIMEOUT_SECONDS);
    await touchKeys();
    const health = await burst(base, sites.map(() => ({ method: 'GET', path: '/api/health', expect: 200 })), SMALL_CONCURRENCY);
    const small = await profiled(`the burst of ${SMALL_MODULES}-module reports`, () =>
      burst(base, sites.map((s, i) => ({ method: 'POST', path: `/api/v1/sites/${s.id}/modules`, headers: { 'x-api-key': s.key }, body: smallBodies[i], expect: 202 })), SMALL_CONCURRENCY),
    );
    for (const p of profilers) p.close();
    await waitFor('small reports applied', async () => (await backlog()).pending_reports === 0, TIMEOUT_SECONDS);

    return { label: target.label, bare, ingest, health, small, verdictSeconds, lost: last.not_fetched_with_release_data, awaiting: last.awaiting_verdict, errors: errors.splice(0) };
  } finally {
    for (const child of children.reverse()) await stopProcess(child);
    await target.cleanup();
  }
}

// ---------------------------------------------------------------------------

const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : `${(a / b).toFixed(2)}×`);
const ms = (v: number) => `${v.toFixed(0)} ms`;

function print(f: Figures): void {
  const row = (name: string, b: Burst) =>
    `  ${name.padEnd(34)} ${String(b.accepted).padStart(5)}/${b.total} in ${b.seconds.toFixed(2).padStart(6)} s  ${b.perSecond.toFixed(1).padStart(7)}/s  p50 ${ms(b.p50).padStart(7)}  p99 ${ms(b.p99).padStart(7)}` +
    (Object.keys(b.other).length ? `  other statuses ${JSON.stringify(b.other)}` : '');
  console.log(`\n== ${f.label}`);
  console.log(`${SITES} sites; ${MODULES}-module reports at concurrency ${CONCURRENCY}; ${SMALL_MODULES}-module reports at ${SMALL_CONCURRENCY}`);
  console.log(row('floor: bare route handler', f.bare));
  console.log(row(`module reports (${MODULES} modules)`, f.ingest));
  console.log(`  → throughput ${ratio(f.ingest.perSecond, f.bare.perSecond)} the floor (target ≥ 0.8×), p99 ${ratio(f.ingest.p99, f.bare.p99)} the floor's (target ≤ 1.5×)`);
  console.log(row('floor: GET /api/health', f.health));
  console.log(row(`module reports (${SMALL_MODULES} modules)`, f.small));
  console.log(`  → throughput ${ratio(f.small.perSecond, f.health.perSecond)} the floor (target ≥ 0.5×)`);
  console.log(
    f.verdictSeconds === null
      ? `  burst of ${SITES}: verdicts NOT complete after ${TIMEOUT_SECONDS} s (${f.awaiting} site modules still without one)`
      : `  burst of ${SITES}: every report applied and every verdict computed ${f.verdictSeconds.toFixed(1)} s after the last 202`,
  );
  console.log(`  site modules not_fetched although their release data is stored: ${f.lost}`);
  console.log(`  errors logged by the server and worker: ${f.errors.length}${f.errors.length ? `, first:\n    ${f.errors.slice(0, 3).join('\n    ')}` : ''}`);
}

async function scratchPostgres(url: string): Promise<Target> {
  const scratch = await scratchDatabase(url);
  return {
    label: `PostgreSQL (${new URL(url).host}, scratch database ${scratch.name}), separate jobs worker`,
    env: { DATABASE_URL: scratch.url, RUN_JOBS_IN_WEB: '0' },
    cleanup: scratch.drop,
  };
}

async function main() {
  const simulator = await startReleaseHistorySimulator(releaseHistories());
  const results: Figures[] = [];
  try {
    if (ONLY !== 'postgres') {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'msp-bench-data-'));
      results.push(
        await runOn(
          { label: 'embedded database (PGlite), jobs in the web process', env: { DATA_DIR: dataDir }, cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }) },
          simulator.url,
        ),
      );
      print(results.at(-1)!);
    }
    const url = process.env.BENCH_DATABASE_URL;
    if (url && ONLY !== 'embedded') {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'msp-bench-data-'));
      const target = await scratchPostgres(url);
      results.push(
        await runOn({ ...target, env: { ...target.env, DATA_DIR: dataDir }, cleanup: async () => (await target.cleanup(), fs.rmSync(dataDir, { recursive: true, force: true })) }, simulator.url),
      );
      print(results.at(-1)!);
    } else if (!url) console.log('\n(BENCH_DATABASE_URL is not set: PostgreSQL skipped)');
  } finally {
    await simulator.close();
  }
  if (results.some((f) => f.lost > 0 || f.verdictSeconds === null)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
