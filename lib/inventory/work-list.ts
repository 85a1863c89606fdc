import { latestDevicesByKeys } from '@/db/queries/inventory/devices';
import { listExceptionPage, openExceptionsByOrganization, type ExceptionQuery } from '@/db/queries/inventory/exception-list';
import { listVisibleOrganizations } from '@/db/queries/inventory/organizations';
import { authorize, scopeOf } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { deviceDto, exceptionDto, type ExceptionItem } from './dto';
import type { ExceptionListParams } from './export-filters';
import { NETBIOS_NAME_LENGTH } from './model/hostname';
import { VENDORS } from './vendors';

// The exception work list the pages show (the exports read the same list,
// see export-variances.ts), always within the caller's organisation.

/** One page of exceptions, filtered and sorted as asked. */
export async function exceptionPage(ctx: RequestContext, query: ExceptionQuery, page: { limit: number; offset: number }) {
  authorize(ctx.actor, 'inventory:read');
  const { rows, total } = await listExceptionPage(ctx.db, scopeOf(ctx.actor), query, page);
  return { rows: rows.map((r) => exceptionDto(r)), total };
}

/**
 * The exceptions page: one page of the list, each exception with both
 * vendors' latest records of its device (its full name or the NetBIOS form),
 * and the organisations to filter by.
 */
export async function exceptionWorkList(ctx: RequestContext, params: ExceptionListParams): Promise<{ items: ExceptionItem[]; total: number; organizations: { id: number; name: string }[] }> {
  authorize(ctx.actor, 'inventory:read');
  const scope = scopeOf(ctx.actor);
  const [{ rows, total }, organizations] = await Promise.all([
    exceptionPage(ctx, params.query, { limit: params.perPage, offset: (params.page - 1) * params.perPage }),
    listVisibleOrganizations(ctx.db, scope),
  ]);
  const records = (await latestDevicesByKeys(ctx.db, scope, [VENDORS.ninja.id, VENDORS.threatlocker.id], rows.map((r) => r.hostname))).map(deviceDto);
  const items = rows.map((dto) => {
    const short = dto.hostname.slice(0, NETBIOS_NAME_LENGTH);
    return { ...dto, records: records.filter((d) => d.hostname_key === dto.hostname || d.hostname_key === short || d.hostname_key.slice(0, NETBIOS_NAME_LENGTH) === short) };
  });
  return { items, total, organizations: organizations.map(({ id, name }) => ({ id, name })) };
}

/** Open exceptions per client and type, unmapped ones under the vendor's name. */
export async function openExceptionsByClient(ctx: RequestContext) {
  authorize(ctx.actor, 'inventory:read');
  return openExceptionsByOrganization(ctx.db, scopeOf(ctx.actor));
}
