import type { Db } from '@/db';
import { authorize } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { offsetOf, type Page } from '@/db/paging';

// The outbox as superusers read it (every mail, newest first).

export async function listOutbox(db: Db, page: Page, filters: { category?: string } = {}) {
  let q = db.selectFrom('mail_outbox');
  if (filters.category) q = q.where('category', '=', filters.category);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.selectAll().orderBy('id', 'desc').limit(page.per_page).offset(offsetOf(page)).execute();
  return {
    total: Number(total.n),
    rows: rows.map((r) => ({
      id: r.id,
      to: r.to_address,
      subject: r.subject,
      text: r.text_body,
      category: r.category,
      status: r.status,
      transport: r.transport,
      error: r.error,
      created_at: r.created_at.toISOString(),
      sent_at: r.sent_at ? r.sent_at.toISOString() : null,
    })),
  };
}
export type OutboxMailDto = Awaited<ReturnType<typeof listOutbox>>['rows'][number];

export async function listOutboxFor(ctx: RequestContext, page: Page, filters: { category?: string } = {}) {
  authorize(ctx.actor, 'outbox:read');
  return listOutbox(ctx.db, page, filters);
}
