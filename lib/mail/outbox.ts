import { listOutboxMail } from '@/db/queries/mail';
import { authorize } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import type { Pagination } from '@/lib/http/pagination';

// The outbox as superusers read it (every mail, newest first).

export async function listOutboxFor(ctx: RequestContext, page: Pagination, filters: { category?: string } = {}) {
  authorize(ctx.actor, 'outbox:read');
  const { rows, total } = await listOutboxMail(ctx.db, page, filters);
  return {
    total,
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
