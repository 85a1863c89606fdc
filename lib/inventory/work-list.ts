import { latestDevicesByKeys } from '@/db/queries/inventory/devices';
import { listExceptionPage, openExceptionsByOrganization, type ExceptionQuery } from '@/db/queries/inventory/exception-list';
import { authorize, scopeOf } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { deviceDto, exceptionDto, type ExceptionListPage } from './dto';
import type { ExceptionListParams } from './export-filters';
import { NETBIOS_NAME_LENGTH } from './model/hostname';
import { VENDORS } from './vendors';
import { cachedInventoryRead } from './cached';

// The exception work list the pages show (the exports read the same list,
// see export-variances.ts), always within the caller's organisation.

/** One page of exceptions, filtered and sorted as asked. */
export async function exceptionPage(ctx: RequestContext, query: ExceptionQuery, page: { limit: number; offset: number }) {
  authorize(ctx.actor, 'inventory:read');
  return cachedInventoryRead(ctx, 'exception-page', [query, page], async () => {
    const { rows, total } = await listExceptionPage(ctx.db, scopeOf(ctx.actor), query, page);
    return { rows: rows.map((r) => exceptionDto(r)), total };
  });
}

/**
 * One page of the exception work list: each exception with both vendors'
 * latest records of its device (its full name or the NetBIOS form). The page
 * renders it and GET /api/inventory/exceptions returns it, so the browser's
 * cache starts from the page and refetches the same shape.
 */
export async function listExceptionWorkPage(ctx: RequestContext, params: ExceptionListParams): Promise<ExceptionListPage> {
  authorize(ctx.actor, 'inventory:read');
  return cachedInventoryRead(ctx, 'work-list', [params], () => workPage(ctx, params));
}

async function workPage(ctx: RequestContext, params: ExceptionListParams): Promise<ExceptionListPage> {
  const { rows, total } = await exceptionPage(ctx, params.query, { limit: params.perPage, offset: (params.page - 1) * params.perPage });
  const records = (await latestDevicesByKeys(ctx.db, scopeOf(ctx.actor), [VENDORS.ninja.id, VENDORS.threatlocker.id], rows.map((r) => r.hostname))).map(deviceDto);
  const items = rows.map((dto) => {
    const short = dto.hostname.slice(0, NETBIOS_NAME_LENGTH);
    return { ...dto, records: records.filter((d) => d.hostname_key === dto.hostname || d.hostname_key === short || d.hostname_key.slice(0, NETBIOS_NAME_LENGTH) === short) };
  });
  return { items, total };
}

/** Open exceptions per client and type, unmapped ones under the vendor's name. */
export async function openExceptionsByClient(ctx: RequestContext) {
  authorize(ctx.actor, 'inventory:read');
  return cachedInventoryRead(ctx, 'open-by-client', [], () => openExceptionsByOrganization(ctx.db, scopeOf(ctx.actor)));
}
