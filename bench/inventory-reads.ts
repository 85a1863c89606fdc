// Benchmark: the inventory reads and the dashboard pages on a real fleet,
// each beside the framework's floor from the same run.
//
//   sh scripts/with-node.sh node --import tsx bench/inventory-reads.ts [devices per vendor, default 5000]
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres …   (PostgreSQL, separate jobs worker)
//
// It serves a generated fleet from the NinjaOne and ThreatLocker simulators
// on loopback, starts the production build pointed at them (as a live
// tenant), collects and checks once through POST /api/collectors/run, then
// loads each read with closed-loop callers: the API routes against
// GET /api/health (the route wrapper with nothing behind it), the pages
// against an empty signed-in page. Settings: BENCH_CONNECTIONS (20),
// BENCH_SECONDS (8 per figure).
import { generateFleet } from '@/lib/simulators/fleet/generate';
import { startNinjaOneSimulator } from '@/lib/simulators/ninjaone';
import { startThreatLockerSimulator } from '@/lib/simulators/threatlocker';
import { apiToken, compareLine, load, sessionCookie, startApp } from './support/app';

const size = Number(process.argv[2] ?? 5000);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const seconds = Number(process.env.BENCH_SECONDS ?? 8);

async function main() {
  const fleet = generateFleet({ size });
  const ninja = await startNinjaOneSimulator({ fleet });
  const threatLocker = await startThreatLockerSimulator({ fleet });
  const app = await startApp({
    NINJAONE_BASE_URL: ninja.url,
    NINJAONE_CLIENT_ID: ninja.credentials.clientId,
    NINJAONE_CLIENT_SECRET: ninja.credentials.clientSecret,
    THREATLOCKER_BASE_URL: threatLocker.url,
    THREATLOCKER_API_KEY: threatLocker.apiKey, THREATLOCKER_ORG_ID: threatLocker.parentOrganizationId,
  });
  try {
    console.log(`Inventory reads at ${size} devices per vendor on ${app.label}; ${connections} connections, ${seconds} s per figure.`);
    const token = await apiToken(app.url);
    const bearer = { authorization: `Bearer ${token}` };

    const started = performance.now();
    const trigger = await fetch(`${app.url}/api/collectors/run?wait=true&timeout=600`, {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/json' },
      body: JSON.stringify({ collectors: ['ninja', 'threatlocker'] }),
    });
    const batch = (await trigger.json()) as { status: string; collectors: { job_name: string; status: string }[] };
    console.log(`Collection and checks: ${batch.status} in ${((performance.now() - started) / 1000).toFixed(1)} s (${batch.collectors.map((c) => `${c.job_name} ${c.status}`).join(', ')})`);

    const options = { connections, seconds };
    const floor = await load(`${app.url}/api/health`, {}, options);
    console.log(compareLine('GET /api/health (floor)', floor, floor));
    const reads: [string, string, string][] = [
      ['GET /api/status', '/api/status', '≥ 0.5×'],
      ['GET /api/variance-report/latest', '/api/variance-report/latest', '≥ 0.3×'],
      ['GET /api/exceptions (100 rows)', '/api/exceptions?limit=100', '≥ 0.5×'],
      ['GET /api/collectors/status', '/api/collectors/status', ''],
      ['GET /api/devices/search?q=01', '/api/devices/search?q=01', ''],
    ];
    for (const [label, path, target] of reads) {
      console.log(compareLine(label, await load(`${app.url}${path}`, bearer, options), floor, target || undefined));
    }

    const cookie = { cookie: await sessionCookie(app.url) };
    // The floor: a signed-in page that reads nothing (the layout and a form).
    const emptyPage = await load(`${app.url}/drupal/sites/new`, cookie, options);
    console.log(compareLine('page /drupal/sites/new (floor)', emptyPage, emptyPage));
    const orgs = (await (await fetch(`${app.url}/api/v1/organizations?per_page=100`, { headers: bearer })).json()) as { data: { id: number; is_home: boolean }[] };
    const client = orgs.data.find((o) => !o.is_home)!;
    for (const page of ['/', '/inventory', '/inventory/exceptions', '/qbr', '/drupal', `/organizations/${client.id}`]) {
      const figures = await load(`${app.url}${page}`, cookie, options);
      console.log(compareLine(`page ${page}`, figures, emptyPage, '≥ 0.5× (≤ 2× the time)'));
    }
  } finally {
    await app.stop();
    await ninja.close();
    await threatLocker.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
