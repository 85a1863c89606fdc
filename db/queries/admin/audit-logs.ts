import type { Db } from '@/db';
import { escapeLike } from '@/db/like';
import { offsetOf, type Page } from '@/db/paging';
import { inScope, type Scope } from '@/db/scope';

// Reading the audit trail (lib/core/audit writes it, db/queries/audit.ts).

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
  return { rows, total: Number(count.n) };
}
export type AuditLogRow = Awaited<ReturnType<typeof listAuditLogs>>['rows'][number];
