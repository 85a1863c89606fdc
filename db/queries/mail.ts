import type { Db } from '@/db';
import { offsetOf, type Page } from '@/db/paging';

// The mail outbox: every message is written here first, then sent (lib/mail).

export type OutboxInsert = {
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  category: string;
  transport: 'smtp' | 'outbox';
  next_attempt_at: Date;
};

/** Stores messages waiting to be sent (or read in the outbox); returns their ids. */
export async function insertOutboxMail(db: Db, messages: OutboxInsert[]): Promise<number[]> {
  const rows = await db
    .insertInto('mail_outbox')
    .values(messages.map((m) => ({ ...m, status: 'stored' as const })))
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Messages for SMTP whose next attempt is due, oldest first. */
export async function listDueMail(db: Db, now: Date, limit: number) {
  return db
    .selectFrom('mail_outbox')
    .selectAll()
    .where('transport', '=', 'smtp')
    .where('status', '=', 'stored')
    .where('next_attempt_at', '<=', now)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function markMailSent(db: Db, id: number, messageId: string | null): Promise<void> {
  await db.updateTable('mail_outbox').set({ status: 'sent', sent_at: new Date(), message_id: messageId, error: null }).where('id', '=', id).execute();
}

export async function markMailAttemptFailed(
  db: Db,
  id: number,
  outcome: { givingUp: boolean; attempts: number; nextAttemptAt: Date; error: string },
): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({ status: outcome.givingUp ? 'failed' : 'stored', attempts: outcome.attempts, next_attempt_at: outcome.nextAttemptAt, error: outcome.error })
    .where('id', '=', id)
    .execute();
}

/** Every message, newest first, optionally of one category. */
export async function listOutboxMail(db: Db, page: Page, filters: { category?: string } = {}) {
  let q = db.selectFrom('mail_outbox');
  if (filters.category) q = q.where('category', '=', filters.category);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.selectAll().orderBy('id', 'desc').limit(page.per_page).offset(offsetOf(page)).execute();
  return { rows, total: Number(total.n) };
}
