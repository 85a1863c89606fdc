// Drupal ingestion benchmark: N sites × M modules posted in one burst to a
// running server, compared with a bare route handler measured in the same run.
//
//   Start the server with BENCH=1 (enables the baseline endpoint) and a rate
//   limit high enough for the set-up calls, e.g.
//     BENCH=1 RATE_LIMIT_PER_MINUTE=100000 npm start
//   then
//     BENCH_URL=http://localhost:3000 BENCH_EMAIL=superuser@demo.local BENCH_PASSWORD=… \
//       sh scripts/with-node.sh node --import tsx bench/drupal-ingest.ts
//
// Settings: BENCH_SITES (1000), BENCH_MODULES (150), BENCH_CONCURRENCY (64),
// BENCH_ORGANIZATION_ID (default: the first client organisation),
// BENCH_TIMEOUT_SECONDS (1800) for the wait until every verdict is computed.
// Every loop is bounded in count and time; it talks to BENCH_URL only.

const setting = (name: string, fallback?: string) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`${name} is required`);
  return value;
};

const base = setting('BENCH_URL').replace(/\/$/, '');
const sites = Number(setting('BENCH_SITES', '1000'));
const modules = Number(setting('BENCH_MODULES', '150'));
const concurrency = Number(setting('BENCH_CONCURRENCY', '64'));
const timeoutSeconds = Number(setting('BENCH_TIMEOUT_SECONDS', '1800'));
const run = `b${Date.now().toString(36)}`;

type Json = Record<string, unknown>;

async function send(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<{ status: number; json: Json | null }> {
  // Set-up calls wait out a 429 a few times instead of failing the run.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json().catch(() => null)) as Json | null;
    if (res.status !== 429) return { status: res.status, json };
    await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get('retry-after') ?? '1')));
  }
  throw new Error(`${method} ${path}: still rate-limited; start the server with RATE_LIMIT_PER_MINUTE raised`);
}

async function inParallel<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        out[index] = await fn(items[index]!);
      }
    }),
  );
  return out;
}

/** A `drush pm:list --format=json` report: core, contrib from a shared pool, a custom module. */
function drushReport(siteIndex: number): Json {
  const report: Json = {
    system: { package: 'Core', project: '', name: 'system', type: 'module', path: 'core/modules/system', status: 'Enabled', version: '10.3.10' },
    acme_custom: { package: 'Custom', project: '', name: 'acme_custom', type: 'module', path: 'modules/custom/acme_custom', status: 'Enabled', version: null },
  };
  for (let i = 0; i < modules - 2; i += 1) {
    const project = `bench_p${(siteIndex * 7 + i) % 400}`;
    report[project] = {
      package: 'Contrib',
      project,
      name: project,
      type: 'module',
      path: `modules/contrib/${project}`,
      status: 'Enabled',
      version: `2.${(siteIndex + i) % 5}.${i % 3}`,
    };
  }
  return report;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function burst(label: string, targets: { path: string; key: string; body: Json }[]) {
  const latencies: number[] = [];
  let accepted = 0;
  const failures = new Map<number, number>();
  const started = performance.now();
  await inParallel(targets, concurrency, async (target) => {
    const t0 = performance.now();
    const res = await fetch(`${base}${target.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': target.key },
      body: JSON.stringify(target.body),
    });
    await res.arrayBuffer();
    latencies.push(performance.now() - t0);
    if (res.status === 202) accepted += 1;
    else failures.set(res.status, (failures.get(res.status) ?? 0) + 1);
  });
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const figures = { label, accepted, seconds, perSecond: accepted / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  console.log(
    `${label.padEnd(22)} ${accepted}/${targets.length} accepted in ${seconds.toFixed(2)} s: ${figures.perSecond.toFixed(1)} reports/s, ` +
      `p50 ${figures.p50.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms` +
      (failures.size ? `; other statuses ${JSON.stringify(Object.fromEntries(failures))}` : ''),
  );
  return figures;
}

async function main() {
  const login = await send('POST', '/api/v1/auth/login', {}, { email: setting('BENCH_EMAIL'), password: setting('BENCH_PASSWORD') });
  const token = (login.json?.data as { access_token?: string } | undefined)?.access_token;
  if (!token) throw new Error(`login failed (${login.status})`);
  const auth = { authorization: `Bearer ${token}` };
  let organizationId = process.env.BENCH_ORGANIZATION_ID ? Number(process.env.BENCH_ORGANIZATION_ID) : null;
  if (organizationId === null) {
    const orgs = (await send('GET', '/api/v1/organizations?per_page=100', auth)).json?.data as { id: number; is_home: boolean }[];
    organizationId = orgs.find((o) => !o.is_home)?.id ?? orgs[0]!.id;
  }

  console.log(`Setting up ${sites} sites and keys in organisation ${organizationId} (run ${run}) …`);
  const setupStarted = performance.now();
  const created = await inParallel(
    Array.from({ length: sites }, (_, i) => i),
    16,
    async (i) => {
      const site = await send('POST', '/api/v1/sites', auth, { url: `https://${run}-${i}.bench.example`, name: `${run} ${i}`, organization_id: organizationId });
      const siteId = (site.json?.data as { id?: number } | undefined)?.id;
      if (!siteId) throw new Error(`site ${i}: ${site.status} ${JSON.stringify(site.json)}`);
      const key = await send('POST', '/api/v1/api-keys', auth, { name: `${run} ${i}`, organization_id: organizationId, role: 'developer', site_id: siteId });
      const secret = (key.json?.data as { key?: string } | undefined)?.key;
      if (!secret) throw new Error(`key ${i}: ${key.status}`);
      return { siteId, key: secret, body: drushReport(i) };
    },
  );
  console.log(`Set-up took ${((performance.now() - setupStarted) / 1000).toFixed(1)} s. ${modules} modules per report, concurrency ${concurrency}.`);

  const bare = await burst('bare route handler', created.map((c) => ({ path: '/api/v1/sites/bench-baseline', key: c.key, body: c.body })));
  if (bare.accepted === 0) throw new Error('the baseline endpoint answered no 202: start the server with BENCH=1');
  const ingest = await burst('module report ingestion', created.map((c) => ({ path: `/api/v1/sites/${c.siteId}/modules`, key: c.key, body: c.body })));
  const burstEnded = performance.now();

  // Applied means verdicts computed: the worker stores them in the report's transaction.
  const deadline = Date.now() + timeoutSeconds * 1000;
  let pending = Number.POSITIVE_INFINITY;
  while (pending > 0 && Date.now() < deadline) {
    pending = 0;
    for (let page = 1; page <= Math.ceil(sites / 100); page += 1) {
      const list = await send('GET', `/api/v1/sites?q=${run}&per_page=100&page=${page}`, auth);
      for (const site of (list.json?.data as { pending_reports: number; last_report_at: string | null }[]) ?? []) {
        pending += site.pending_reports + (site.last_report_at === null ? 1 : 0);
      }
    }
    if (pending > 0) await new Promise((r) => setTimeout(r, 1000));
  }
  const verdictSeconds = (performance.now() - burstEnded) / 1000;
  console.log(
    pending === 0
      ? `All ${ingest.accepted} reports applied and verdicts computed ${verdictSeconds.toFixed(1)} s after the burst ended.`
      : `Gave up after ${timeoutSeconds} s with ${pending} report(s) still pending.`,
  );
  console.log(
    `Ratio ingestion/bare: throughput ${(ingest.perSecond / bare.perSecond).toFixed(2)}×, ` +
      `p50 ${(ingest.p50 / bare.p50).toFixed(2)}×, p99 ${(ingest.p99 / bare.p99).toFixed(2)}×`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
