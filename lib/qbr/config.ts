import type { Db } from '@/db';
import { listAccountMappings, listVendorMappings, readQbrSetting, replaceAccountMappings, replaceVendorMappings, writeQbrSetting, type VendorMappingRow } from '@/db/queries/qbr/config';
import { liveOrganizationIds } from '@/db/queries/qbr/organizations';
import { recordAudit } from '@/lib/core/audit';
import { authorize } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { AppError } from '@/lib/core/errors';
import type { QbrConfig } from './dto';
import type { AccountCategory } from './schemas';

// What the collectors read and superusers edit: which ConnectWise board is
// reactive work, which statuses close a ticket, which QuickBooks account
// feeds which category, and which vendor company/customer is which client.

const DEFAULT_REACTIVE_BOARDS = ['Help Desk'];
const DEFAULT_CLOSED_STATUSES = ['>Closed', '>Closed - No response', 'Closed'];

type CollectorConfig = {
  reactiveBoards: string[];
  closedStatuses: string[];
  /** Lower-cased account name → category. */
  accounts: Map<string, AccountCategory>;
  connectwise: VendorMappingRow[];
  quickbooks: VendorMappingRow[];
};

export async function loadQbrConfig(db: Db): Promise<QbrConfig> {
  const [boards, statuses, accounts, vendors] = await Promise.all([
    readQbrSetting<string[]>(db, 'reactive_boards'),
    readQbrSetting<string[]>(db, 'closed_statuses'),
    listAccountMappings(db),
    listVendorMappings(db),
  ]);
  return {
    reactive_boards: boards ?? DEFAULT_REACTIVE_BOARDS,
    closed_statuses: statuses ?? DEFAULT_CLOSED_STATUSES,
    account_mappings: accounts.map((a) => ({ account_name: a.account_name, category: a.category as AccountCategory })),
    vendor_mappings: vendors.map((v) => ({ ...v, external_name: v.external_name })),
  };
}

export async function loadCollectorConfig(db: Db): Promise<CollectorConfig> {
  const c = await loadQbrConfig(db);
  return {
    reactiveBoards: c.reactive_boards,
    closedStatuses: c.closed_statuses,
    accounts: new Map(c.account_mappings.map((a) => [a.account_name.toLowerCase(), a.category])),
    connectwise: c.vendor_mappings.filter((v) => v.vendor === 'connectwise').map((v) => ({ ...v, external_name: v.external_name ?? null })),
    quickbooks: c.vendor_mappings.filter((v) => v.vendor === 'quickbooks').map((v) => ({ ...v, external_name: v.external_name ?? null })),
  };
}

/** Writes the whole configuration (no audit; for start-up seeding and the service below). */
export async function storeQbrConfig(db: Db, input: QbrConfig, by: number | null): Promise<void> {
  const orgIds = [...new Set(input.vendor_mappings.map((v) => v.organization_id))];
  if (orgIds.length > 0) {
    const found = await liveOrganizationIds(db, orgIds);
    const missing = orgIds.filter((id) => !found.includes(id));
    if (missing.length > 0) throw new AppError('validation_failed', 'Request is not valid', [{ path: 'vendor_mappings', code: 'unknown_organization', message: `Unknown organisation ${missing.join(', ')}` }]);
  }
  const dup = (keys: string[]) => keys.find((k, i) => keys.indexOf(k) !== i);
  const dupAccount = dup(input.account_mappings.map((a) => a.account_name.toLowerCase()));
  const dupExternal = dup(input.vendor_mappings.map((v) => `${v.vendor}:${v.external_id}`));
  const dupOrg = dup(input.vendor_mappings.map((v) => `${v.vendor}:${v.organization_id}`));
  const problem = dupAccount
    ? { path: 'account_mappings', message: `Account "${dupAccount}" is mapped twice` }
    : dupExternal
      ? { path: 'vendor_mappings', message: `${dupExternal} is mapped twice` }
      : dupOrg
        ? { path: 'vendor_mappings', message: `An organisation is mapped twice for ${dupOrg.split(':')[0]}` }
        : null;
  if (problem) throw new AppError('validation_failed', 'Request is not valid', [{ ...problem, code: 'duplicate' }]);
  await writeQbrSetting(db, 'reactive_boards', input.reactive_boards, by);
  await writeQbrSetting(db, 'closed_statuses', input.closed_statuses, by);
  await replaceAccountMappings(db, input.account_mappings, by);
  await replaceVendorMappings(db, input.vendor_mappings.map((v) => ({ ...v, external_name: v.external_name ?? null })), by);
}

export async function getQbrConfig(ctx: RequestContext): Promise<QbrConfig> {
  authorize(ctx.actor, 'qbr:manage');
  return loadQbrConfig(ctx.db);
}

export async function updateQbrConfig(ctx: RequestContext, input: QbrConfig): Promise<QbrConfig> {
  authorize(ctx.actor, 'qbr:manage');
  const by = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  return ctx.db.transaction().execute(async (trx) => {
    const before = await loadQbrConfig(trx);
    await storeQbrConfig(trx, input, by);
    const after = await loadQbrConfig(trx);
    await recordAudit(trx, ctx, { action: 'qbr.config.update', entityType: 'qbr_config', entityId: 'qbr', organizationId: null, before, after });
    return after;
  });
}
