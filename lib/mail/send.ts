import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '@/db';
import { insertOutboxMail, listDueMail, markMailAttemptFailed, markMailSent } from '@/db/queries/mail';
import { env } from '@/lib/core/env';
import { logger } from '@/lib/core/logger';

// Outgoing e-mail for every domain. Each message is written to mail_outbox
// first; with SMTP_URL it is then sent, and a send the server refuses is
// tried again later (backing off) before it is marked failed. Without
// SMTP_URL it stays in the outbox for superusers to read.

/** Sends tried before a message is given up as failed. */
export const MAX_SEND_ATTEMPTS = 5;
const retryDelayMs = (attempts: number) => Math.min(2 ** attempts, 60) * 60_000;

export type MailMessage = { to: string; subject: string; text: string; html?: string | null; category: string };

const store = globalThis as unknown as { __mspMailer?: { url: string; transporter: Transporter } };

function transporter(url: string): Transporter {
  if (store.__mspMailer?.url !== url) store.__mspMailer = { url, transporter: nodemailer.createTransport(url) };
  return store.__mspMailer.transporter;
}

/** Writes messages to the outbox (inside the caller's transaction if given one); returns their ids. */
export async function queueMail(db: Db, messages: MailMessage[]): Promise<number[]> {
  if (messages.length === 0) return [];
  const transport = env().SMTP_URL ? 'smtp' : 'outbox';
  // Due from now on this process's clock, the clock deliverQueuedMail compares
  // with: the database's default (microseconds, maybe another clock) could put
  // a message just after a delivery that starts in the same millisecond.
  const queuedAt = new Date();
  return insertOutboxMail(
    db,
    messages.map((m) => ({
      to_address: m.to,
      subject: m.subject,
      text_body: m.text,
      html_body: m.html ?? null,
      category: m.category,
      transport,
      next_attempt_at: queuedAt,
    })),
  );
}

/**
 * Sends outbox messages waiting for SMTP whose turn has come: new ones and
 * earlier sends due for another try. Call it after the transaction that
 * queued them has committed.
 */
export async function deliverQueuedMail(db: Db, now: Date = new Date()): Promise<{ sent: number; failed: number }> {
  const url = env().SMTP_URL;
  if (!url) return { sent: 0, failed: 0 };
  const pending = await listDueMail(db, now, 500);
  let sent = 0;
  let failed = 0;
  for (const mail of pending) {
    try {
      const info = await transporter(url).sendMail({
        from: env().MAIL_FROM,
        to: mail.to_address,
        subject: mail.subject,
        text: mail.text_body,
        ...(mail.html_body ? { html: mail.html_body } : {}),
      });
      await markMailSent(db, mail.id, info.messageId ?? null);
      sent += 1;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const attempts = mail.attempts + 1;
      const givingUp = attempts >= MAX_SEND_ATTEMPTS;
      logger.warn({ err: error, mail_id: mail.id, attempts, giving_up: givingUp }, 'sending mail failed');
      await markMailAttemptFailed(db, mail.id, {
        givingUp,
        attempts,
        nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)),
        error: message.slice(0, 1000),
      });
      failed += 1;
    }
  }
  return { sent, failed };
}
