// The QBR collection runs: fetch from a vendor (network, no transaction),
// then replace that source's monthly values and everything derived from
// them in one transaction. A vendor failure throws before anything is
// written, so the previous numbers stay.

import { z } from 'zod';
import type { Db } from '@/db';
import { organizationsWithMetrics, replaceMonthlySlice } from '@/db/queries/qbr/metrics';
import { homeOrganization, listQbrOrganizations } from '@/db/queries/qbr/organizations';
import type { JobContext } from '@/lib/jobs';
import type { ConnectWiseClient } from '@/lib/vendors/connectwise/client';
import type { QuickBooksClient } from '@/lib/vendors/quickbooks/client';
import { connectWiseRows, CONNECTWISE_METRICS, fetchConnectWise } from './collect-connectwise';
import { fetchQuickBooks, QUICKBOOKS_METRICS, quickBooksRows } from './collect-quickbooks';
import { loadCollectorConfig } from './config';
import { deriveQbrMetrics } from './derive';
import { countEndpoints } from './endpoints';
import { addMonths, monthOf, monthsBetween, monthsOfQuarter, parseMonth, parsePeriod, periodDates, type MonthPeriod } from './model/periods';

/** Months collected by a scheduled run: the current one and the two before (late closures and postings). */
export const DEFAULT_WINDOW_MONTHS = 3;
const MAX_WINDOW_MONTHS = 120;

export const windowSchema = z
  .object({
    from: z.string().optional(),
    to: z.string().optional(),
    period: z.string().optional(),
  })
  .loose();

/** The months a run covers: `period` (a month or quarter), or `from`..`to`, or the default window ending now. */
export function runWindow(data: Record<string, unknown>, now: Date = new Date()): MonthPeriod[] {
  const input = windowSchema.parse(data);
  if (input.period) {
    const p = parsePeriod(input.period);
    if (!p.ok) throw new Error(p.error.message);
    return p.value.kind === 'month' ? [p.value] : monthsOfQuarter(p.value);
  }
  const month = (value: string | undefined, fallback: MonthPeriod) => {
    if (value === undefined) return fallback;
    const p = parseMonth(value);
    if (!p.ok) throw new Error(p.error.message);
    return p.value;
  };
  const to = month(input.to, monthOf(now));
  const from = month(input.from, addMonths(to, -(DEFAULT_WINDOW_MONTHS - 1)));
  const months = monthsBetween(from, to);
  if (months.length === 0) throw new Error(`The range ${from.key}..${to.key} ends before it starts`);
  if (months.length > MAX_WINDOW_MONTHS) throw new Error(`A run covers at most ${MAX_WINDOW_MONTHS} months`);
  return months;
}

async function requireHome(db: Db): Promise<number> {
  const home = await homeOrganization(db);
  if (!home) throw new Error('There is no home organisation; start the app once to create it');
  return home.id;
}

type Progress = JobContext['progress'];
const step = (progress: Progress, from: number, to: number) => {
  let n = 0;
  return (what: string) => progress(Math.min(to, from + n++ * 5), `Fetching ${what}`);
};

export async function collectConnectWise(db: Db, client: ConnectWiseClient, months: MonthPeriod[], progress: Progress, now = new Date()) {
  const [homeId, config] = [await requireHome(db), await loadCollectorConfig(db)];
  const input = { boards: config.reactiveBoards, closedStatuses: config.closedStatuses, months, now };
  const data = await fetchConnectWise(client, input, step(progress, 5, 60));
  await progress(65, 'Writing ConnectWise metrics');
  const { rows, backlog } = connectWiseRows(data, { ...input, homeId, mappings: config.connectwise });
  const orgs = [homeId, ...config.connectwise.map((m) => m.organization_id)];
  const derived = await db.transaction().execute(async (trx) => {
    await replaceMonthlySlice(trx, { organizationIds: orgs, months: months.map((m) => m.key), source: 'collected', metricNames: CONNECTWISE_METRICS }, rows);
    if (backlog.length > 0) await replaceMonthlySlice(trx, { organizationIds: orgs, months: [backlog[0]!.period], source: 'collected', metricNames: ['aged_backlog'] }, backlog);
    return deriveQbrMetrics(trx, orgs, months);
  });
  return {
    message: `ConnectWise: ${data.tickets.length} tickets entered, ${data.closed.length} closed, ${data.time.length} time entries over ${months[0]!.key}..${months.at(-1)!.key} for ${orgs.length} organisations`,
    result: { months: months.map((m) => m.key), organizations: orgs.length, tickets: data.tickets.length, closed: data.closed.length, time_entries: data.time.length, derived },
  };
}

export async function collectQuickBooks(db: Db, client: QuickBooksClient, months: MonthPeriod[], progress: Progress) {
  const [homeId, config] = [await requireHome(db), await loadCollectorConfig(db)];
  const data = await fetchQuickBooks(client, { months, mappings: config.quickbooks }, step(progress, 5, 60));
  await progress(65, 'Writing QuickBooks metrics');
  const { rows, unmapped } = quickBooksRows(data, { months, homeId, accounts: config.accounts });
  const orgs = [homeId, ...config.quickbooks.map((m) => m.organization_id)];
  const derived = await db.transaction().execute(async (trx) => {
    await replaceMonthlySlice(trx, { organizationIds: orgs, months: months.map((m) => m.key), source: 'quickbooks', metricNames: QUICKBOOKS_METRICS }, rows);
    return deriveQbrMetrics(trx, orgs, months);
  });
  return {
    message: `QuickBooks: profit and loss over ${months[0]!.key}..${months.at(-1)!.key} for the company and ${config.quickbooks.length} clients${unmapped.length ? `; unmapped accounts: ${unmapped.join(', ')}` : ''}`,
    result: { months: months.map((m) => m.key), organizations: orgs.length, unmapped_accounts: unmapped, derived },
  };
}

/** Endpoints and seats from inventory (when present), then every derived number for the window. */
export async function computeQbrMetrics(db: Db, months: MonthPeriod[], progress: Progress) {
  const homeId = await requireHome(db);
  const keys = months.map((m) => m.key);
  await progress(10, 'Counting endpoints and seats');
  const endpoints = await countEndpoints(db, homeId, periodDates(months[0]!).start, periodDates(months.at(-1)!).end);
  const allOrgs = (await listQbrOrganizations(db, { organizationId: null })).map((o) => o.id);
  await progress(40, 'Computing quarters and SmartNumbers');
  const derived = await db.transaction().execute(async (trx) => {
    // Only months that still have snapshots: older ones were purged by retention and keep their counts.
    const counted = [...new Set((endpoints ?? []).map((r) => r.period))];
    if (endpoints) await replaceMonthlySlice(trx, { organizationIds: allOrgs, months: counted, source: 'collected', metricNames: ['endpoints_managed', 'seats_managed'] }, endpoints);
    const orgs = [...new Set([homeId, ...(await organizationsWithMetrics(trx, keys))])];
    return deriveQbrMetrics(trx, orgs, months);
  });
  const note = endpoints ? `${endpoints.length / 2} endpoint counts from inventory` : 'no inventory snapshots on this installation, so no endpoint or seat counts';
  return {
    message: `QBR metrics for ${keys[0]}..${keys.at(-1)}: ${derived.organizations} organisations, ${derived.quarters} quarters, ${derived.smartnumbers} SmartNumbers; ${note}`,
    result: { months: keys, endpoints_from_inventory: endpoints !== null, derived },
  };
}
