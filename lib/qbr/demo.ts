import type { Db } from '@/db';
import { readQbrSetting, writeQbrSetting } from '@/db/queries/qbr/config';
import { upsertManualRows } from '@/db/queries/qbr/metrics';
import { homeOrganization, liveOrganizationsNamed } from '@/db/queries/qbr/organizations';
import { DEMO_CLIENTS } from '@/lib/demo/seed';
import { queueRun } from '@/lib/jobs';
import { logger } from '@/lib/core/logger';
import { demoConnectWiseSimulator } from '@/lib/vendors/connectwise/source';
import { demoQuickBooksSimulator } from '@/lib/vendors/quickbooks/source';
import { loadQbrConfig, storeQbrConfig } from './config';
import type { QbrConfig } from './dto';
import { connectWiseCollectorJob, qbrMetricsJob, quickBooksCollectorJob } from './jobs';
import { monthOf, monthPeriod, monthsBetween } from './model/periods';

// The QBR part of the demo dataset: the simulators' chart of accounts mapped
// to categories, the demo clients mapped to their ConnectWise company and
// QuickBooks customer, and the numbers a person would enter by hand (staff,
// sales activity, new and lost MRR) for every month since 2023-01. Then the
// collectors are queued, so the dashboards fill in shortly after start.

export const DEMO_FIRST_MONTH = '2023-01';

/** The QuickBooks simulator's accounts (a typical MSP chart) and their QBR categories. */
export const DEMO_ACCOUNT_MAPPINGS: QbrConfig['account_mappings'] = [
  { account_name: 'Managed Services Revenue', category: 'mrr' },
  { account_name: 'Project Services', category: 'nrr' },
  { account_name: 'Cloud Subscriptions', category: 'orr' },
  { account_name: 'Hardware Resale', category: 'product_sales' },
  { account_name: 'Miscellaneous Income', category: 'misc_revenue' },
  { account_name: 'Cost of Hardware Sold', category: 'product_cogs' },
  { account_name: 'Software Licenses (resale)', category: 'product_cogs' },
  { account_name: 'Payroll Expenses', category: 'employee_expense' },
  { account_name: 'Owner Compensation', category: 'owner_comp' },
  { account_name: 'Owner Payroll Taxes', category: 'owner_comp_taxes' },
  { account_name: 'Software & Tools', category: 'other_expenses' },
  { account_name: 'Rent or Lease', category: 'other_expenses' },
];

/** Deterministic "hand-entered" numbers for one month: a small MSP slowly growing. */
export function demoManualInputs(index: number): Record<string, number> {
  const wave = (n: number) => Math.round(Math.sin(index * 1.7 + n) * 2);
  const technicians = 4 + Math.floor(index / 12);
  return {
    employees: technicians + 3,
    technical_employees: technicians,
    telemarketing_dials: 180 + wave(1) * 15 + index * 2,
    first_time_appointments: 8 + wave(2),
    prospects_to_pbr: 4 + wave(3),
    new_agreements: Math.max(0, 1 + wave(4)),
    new_mrr: 1500 + wave(5) * 400,
    lost_mrr: 400 + Math.abs(wave(6)) * 250,
  };
}

/** Seeds the QBR demo inputs once; returns true when it did. Needs the demo organisations. */
export async function seedQbrDemo(db: Db, now: Date = new Date()): Promise<boolean> {
  if (await readQbrSetting(db, 'demo_seeded_at')) return false;
  const home = await homeOrganization(db);
  if (!home) return false;
  const orgs = await liveOrganizationsNamed(db, DEMO_CLIENTS);
  const [cw, qb] = [await demoConnectWiseSimulator(), await demoQuickBooksSimulator(db)];
  const vendorMappings: QbrConfig['vendor_mappings'] = [];
  for (const org of orgs) {
    const company = cw.data.companies.find((c) => c.name === org.name);
    const customer = qb.data.customers.find((c) => c.DisplayName === org.name);
    if (company) vendorMappings.push({ organization_id: org.id, vendor: 'connectwise', external_id: String(company.id), external_name: company.name });
    if (customer) vendorMappings.push({ organization_id: org.id, vendor: 'quickbooks', external_id: customer.Id, external_name: customer.DisplayName });
  }
  const months = monthsBetween(monthPeriod(2023, 1), monthOf(now));
  // Inventory snapshots start on the day the demo starts; earlier months get an endpoint history by hand
  // (the simulator bills each client's managed agreement per endpoint), which real counts then outrank.
  const endpointRows = months.flatMap((m, i) => {
    let total = 0;
    let seats = 0;
    const perClient = orgs.flatMap((org) => {
      const company = cw.data.companies.find((c) => c.name === org.name);
      const managed = cw.data.agreements.find((a) => (a.company as { id?: number } | undefined)?.id === company?.id && typeof a.billAmount === 'number' && a.agreementStatus === 'Active');
      if (!managed) return [];
      const endpoints = Math.max(1, Math.round((managed.billAmount as number) / 115 - 3 + (i % 12) / 4));
      total += endpoints;
      seats += Math.round(endpoints * 0.8);
      return [
        { organization_id: org.id, period: m.key, metric_name: 'endpoints_managed', value: endpoints },
        { organization_id: org.id, period: m.key, metric_name: 'seats_managed', value: Math.round(endpoints * 0.8) },
      ];
    });
    return [...perClient, { organization_id: home.id, period: m.key, metric_name: 'endpoints_managed', value: total }, { organization_id: home.id, period: m.key, metric_name: 'seats_managed', value: seats }];
  });
  await db.transaction().execute(async (trx) => {
    const current = await loadQbrConfig(trx);
    await storeQbrConfig(trx, { ...current, account_mappings: DEMO_ACCOUNT_MAPPINGS, vendor_mappings: vendorMappings }, null);
    await upsertManualRows(
      trx,
      months.flatMap((m, i) =>
        Object.entries(demoManualInputs(i)).map(([metric_name, value]) => ({
          organization_id: home.id,
          period: m.key,
          metric_name,
          value,
          is_override: false,
          notes: 'Demo data, as entered by hand',
          updated_by: null,
        })),
      ),
    );
    await upsertManualRows(trx, endpointRows.map((r) => ({ ...r, is_override: false, notes: 'Demo data: endpoint history from before inventory collection began', updated_by: null })));
    await writeQbrSetting(trx, 'demo_seeded_at', now.toISOString(), null);
  });
  return true;
}

/**
 * Demo start-up: seed once, then queue the collectors: the whole history on
 * the first start, the recent months on later ones.
 */
export async function startQbrDemo(db: Db): Promise<void> {
  let seeded = false;
  try {
    seeded = await seedQbrDemo(db);
  } catch (error) {
    // The rest of the product starts anyway; the QBR page then shows no data yet.
    logger.error({ err: error }, 'could not seed the QBR demo inputs');
  }
  const data = seeded ? { from: DEMO_FIRST_MONTH } : {};
  for (const job of [connectWiseCollectorJob, quickBooksCollectorJob, qbrMetricsJob]) {
    try {
      // The metrics job waits a little, so that the demo inventory collection has snapshots to count.
      await queueRun(db, job, data, job === qbrMetricsJob ? { send: { startAfter: 90 } } : {});
    } catch (error) {
      logger.warn({ err: error, job: job.name }, 'could not queue a QBR demo job');
    }
  }
}
