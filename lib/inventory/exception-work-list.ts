import { latestDevicesByKeys, listExceptionPage } from '@/db/queries/inventory-ui';
import { exceptionDto } from '@/db/queries/inventory/exceptions';
import { authorize, scopeOf } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import type { ExceptionListParams } from './export-filters';
import { VENDORS } from './vendors';

/**
 * One page of the exception work list: each exception with both vendors'
 * latest records of its device. The page renders it and GET
 * /api/inventory/exceptions returns it, so the browser's cache starts from
 * the page and refetches the same shape.
 */
export async function listExceptionWorkPage(ctx: RequestContext, params: ExceptionListParams) {
  authorize(ctx.actor, 'inventory:read');
  const scope = scopeOf(ctx.actor);
  const { rows, total } = await listExceptionPage(ctx.db, scope, params.query, { limit: params.perPage, offset: (params.page - 1) * params.perPage });
  const records = await latestDevicesByKeys(ctx.db, scope, [VENDORS.ninja.id, VENDORS.threatlocker.id], rows.map((r) => r.hostname));
  const items = rows.map((r) => {
    const dto = exceptionDto(r);
    // ThreatLocker keeps 15 characters of a NetBIOS name: a record matches on the whole key or on those.
    const key15 = dto.hostname.slice(0, 15);
    return { ...dto, records: records.filter((d) => d.hostname_key === dto.hostname || d.hostname_key === key15 || d.hostname_key.slice(0, 15) === key15) };
  });
  return { items, total };
}

export type ExceptionListPage = Awaited<ReturnType<typeof listExceptionWorkPage>>;
/** One row of the work list: the API's exception, and each vendor's latest records of that device. */
export type ExceptionItem = ExceptionListPage['items'][number];
