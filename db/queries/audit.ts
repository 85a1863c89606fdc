import type { Insertable } from 'kysely';
import type { Db } from '@/db';
import { inScope } from '@/db/scope';
import type { Scope } from '@/db/scope';
import { offsetOf, type Page } from '@/db/paging';
import type { AuditLogsTable } from '@/db/types';
import { escapeLike } from './admin';

export type AuditFilters = {
  from?: Date;
  to?: Date;
  actor?: string;
  actor_id?: number;
  action?: string;
  status?: 'success' | 'failure';
  entity_type?: string;
  entity_id?: string;
  organization_id?: number;
  site_id?: number;
};

export async function listAuditLogs(db: Db, scope: Scope, filters: AuditFilters, page: Page) {
  const base = db
    .selectFrom('audit_logs')
    .where(inScope(scope, 'audit_logs.organization_id'))
    .$if(!!filters.from, (q) => q.where('created_at', '>=', filters.from!))
    .$if(!!filters.to, (q) => q.where('created_at', '<', filters.to!))
    .$if(!!filters.actor, (q) => q.where('actor_label', 'ilike', `%${escapeLike(filters.actor!)}%`))
    .$if(filters.actor_id !== undefined, (q) => q.where('actor_id', '=', filters.actor_id!))
    .$if(!!filters.action, (q) =>
      filters.action!.endsWith('.*')
        ? q.where('action', 'like', `${escapeLike(filters.action!.slice(0, -1))}%`)
        : q.where('action', '=', filters.action!),
    )
    .$if(!!filters.status, (q) => q.where('status', '=', filters.status!))
    .$if(!!filters.entity_type, (q) => q.where('entity_type', '=', filters.entity_type!))
    .$if(!!filters.entity_id, (q) => q.where('entity_id', '=', filters.entity_id!))
    .$if(filters.organization_id !== undefined, (q) => q.where('organization_id', '=', filters.organization_id!))
    .$if(filters.site_id !== undefined, (q) => q.where('site_id', '=', filters.site_id!));
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.per_page).offset(offsetOf(page)).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((r) => ({
      id: r.id,
      organization_id: r.organization_id,
      site_id: r.site_id,
      actor_type: r.actor_type,
      actor_id: r.actor_id,
      actor: r.actor_label,
      action: r.action,
      entity_type: r.entity_type,
      entity_id: r.entity_id,
      status: r.status,
      before: r.before ?? null,
      after: r.after ?? null,
      data: r.data ?? null,
      request_id: r.request_id,
      ip: r.ip,
      created_at: r.created_at.toISOString(),
    })),
    total: Number(count.n),
  };
}
export type AuditLogDto = Awaited<ReturnType<typeof listAuditLogs>>['rows'][number];

/** One audit entry, written inside the transaction of the change it records. */
export async function insertAuditLog(db: Db, row: Insertable<AuditLogsTable>): Promise<void> {
  await db.insertInto('audit_logs').values(row).execute();
}
