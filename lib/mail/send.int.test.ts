import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetEnvForTests } from '@/lib/core/env';
import { useTestDatabase } from '@/tests/db';
import { deliverQueuedMail, MAX_SEND_ATTEMPTS, queueMail } from './send';

// A real SMTP server on loopback that refuses recipients while `refusing` is set.
let refusing = true;
const delivered: string[] = [];
let smtp: SMTPServer;
let database: Awaited<ReturnType<typeof useTestDatabase>>;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, callback) {
      if (refusing) return callback(Object.assign(new Error('Mailbox temporarily unavailable'), { responseCode: 451 }));
      callback();
    },
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        delivered.push(session.envelope.rcptTo[0]!.address);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  resetEnvForTests();
  database = await useTestDatabase();
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  resetEnvForTests();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await database.drop();
});

const minutes = (base: Date, n: number) => new Date(base.getTime() + n * 60_000);
const row = (id: number) => database.db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('mail delivery', () => {
  it('retries a send the server refused, later, and delivers it once the server accepts', async () => {
    const [id] = await queueMail(database.db, [{ to: 'ops@example.test', subject: 'Hello', text: 'Body', category: 'test' }]);
    const t0 = new Date();
    refusing = true;
    expect(await deliverQueuedMail(database.db, t0)).toEqual({ sent: 0, failed: 1 });
    const first = await row(id!);
    expect(first).toMatchObject({ status: 'stored', attempts: 1 });
    expect(first.error).toContain('Mailbox temporarily unavailable');
    expect(first.next_attempt_at.getTime()).toBeGreaterThan(t0.getTime());

    // Not due yet: nothing is tried.
    expect(await deliverQueuedMail(database.db, t0)).toEqual({ sent: 0, failed: 0 });

    refusing = false;
    expect(await deliverQueuedMail(database.db, minutes(t0, 3))).toEqual({ sent: 1, failed: 0 });
    expect(await row(id!)).toMatchObject({ status: 'sent', attempts: 1, error: null });
    expect(delivered).toEqual(['ops@example.test']);
    // Sent mail is never sent again.
    expect(await deliverQueuedMail(database.db, minutes(t0, 600))).toEqual({ sent: 0, failed: 0 });
  });

  it('gives a message up as failed after the last attempt', async () => {
    const [id] = await queueMail(database.db, [{ to: 'nobody@example.test', subject: 'Never', text: 'Body', category: 'test' }]);
    refusing = true;
    let at = new Date();
    for (let attempt = 1; attempt <= MAX_SEND_ATTEMPTS; attempt++) {
      expect(await deliverQueuedMail(database.db, at)).toEqual({ sent: 0, failed: 1 });
      at = minutes(at, 61);
    }
    expect(await row(id!)).toMatchObject({ status: 'failed', attempts: MAX_SEND_ATTEMPTS });
    expect(await deliverQueuedMail(database.db, minutes(at, 600))).toEqual({ sent: 0, failed: 0 });
  });
});
