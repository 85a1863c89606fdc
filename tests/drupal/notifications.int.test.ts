import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as acceptRiskRoute from '@/app/api/v1/site-modules/[id]/accept-risk/route';
import * as outbox from '@/app/api/v1/outbox/route';
import { reportModules } from './helpers';
import { sendFindingNotifications } from '@/lib/drupal/notifications';
import { resetEnvForTests } from '@/lib/core/env';
import { useTestDatabase } from '@/tests/db';
import { bearerFor, seedWorld, type World } from '@/tests/fixtures';
import { call } from '@/tests/http';

type Received = { to: string[]; raw: string };

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let world: World;
let smtp: SMTPServer;
let received: Received[] = [];

async function report(siteId: number, organizationId: number, modules: { name: string; version: string }[]) {
  await reportModules(database.db, { siteId, organizationId, modules });
}

async function siteModuleId(siteId: number, project: string) {
  return (
    await database.db
      .selectFrom('site_modules')
      .innerJoin('modules', 'modules.id', 'site_modules.module_id')
      .select('site_modules.id')
      .where('site_id', '=', siteId)
      .where('modules.module_name', '=', project)
      .executeTakeFirstOrThrow()
  ).id;
}

async function setVerdict(siteId: number, project: string, verdict: { security: boolean; target: string }) {
  await database.db
    .updateTable('site_modules')
    .set({
      status: verdict.security ? 'security_update_required' : 'update_available',
      security_update: verdict.security,
      update_available: true,
      recommended_version: verdict.target,
      security_releases: JSON.stringify(
        verdict.security ? [{ version: verdict.target, date: null, release_link: `https://www.drupal.org/project/${project}/releases/${verdict.target}`, core_compatible: null }] : [],
      ),
    })
    .where('id', '=', await siteModuleId(siteId, project))
    .execute();
}

const prefs = (userId: number, preferences: Record<string, string>) =>
  database.db.updateTable('users').set({ notification_preferences: JSON.stringify(preferences) }).where('id', '=', userId).execute();

// nodemailer sends text as quoted-printable: undo soft line breaks and =XX escapes.
function decodeQuotedPrintable(raw: string): string {
  const joined = raw.replace(/=\r?\n/g, '');
  return Buffer.from(joined.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
}

async function waitForMail(count: number) {
  for (let i = 0; i < 50 && received.length < count; i += 1) await new Promise((r) => setTimeout(r, 50));
  return received;
}

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: decodeQuotedPrintable(raw) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  resetEnvForTests();

  database = await useTestDatabase();
  world = await seedWorld(database.db);
  await prefs(world.viewerA.id, { security_updates: 'off' });
  await prefs(world.devA.id, { security_updates: 'daily', other_updates: 'daily' });
  await prefs(world.superuser.id, { security_updates: 'weekly' });
  await prefs(world.viewerB.id, { security_updates: 'off' });
  await report(world.siteA, world.orgA, [
    { name: 'token', version: '8.x-1.13' },
    { name: 'paragraphs', version: '8.x-1.17' },
  ]);
  await report(world.siteB, world.orgB, [{ name: 'token', version: '8.x-1.13' }]);
  await setVerdict(world.siteA, 'token', { security: true, target: '8.x-1.15' });
  await setVerdict(world.siteA, 'paragraphs', { security: false, target: '8.x-1.18' });
  await setVerdict(world.siteB, 'token', { security: true, target: '8.x-1.15' });
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  resetEnvForTests();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await database.drop();
});

describe('finding notifications', () => {
  it('mails new security findings at once, over SMTP, to the organisation’s users who asked for it', async () => {
    const result = await sendFindingNotifications(database.db, 'immediate');
    expect(result).toEqual({ mails: 2, findings: 2 });
    const mails = await waitForMail(2);
    expect(mails.map((m) => m.to[0]).sort()).toEqual(['admin-a@example.test', 'admin-b@example.test']);
    const a = mails.find((m) => m.to[0] === 'admin-a@example.test')!.raw;
    expect(a).toContain('Subject: Security update: token on site-a');
    expect(a).toContain('site-a (https://site-a.example.test): token 8.x-1.13 → 8.x-1.15');
    expect(a).toContain('https://www.drupal.org/project/token/releases/8.x-1.15');
    // Other updates never go out immediately.
    expect(a).not.toContain('paragraphs');
    const stored = await database.db.selectFrom('mail_outbox').select(['status', 'transport']).execute();
    expect(stored.every((m) => m.status === 'sent' && m.transport === 'smtp')).toBe(true);
  });

  it('never sends the same finding twice, even from two runs at once', async () => {
    const runs = await Promise.all([sendFindingNotifications(database.db, 'immediate'), sendFindingNotifications(database.db, 'immediate')]);
    expect(runs).toEqual([
      { mails: 0, findings: 0 },
      { mails: 0, findings: 0 },
    ]);
    expect(received).toHaveLength(2);
  });

  it('mails again when a newer target appears, unless the risk was accepted', async () => {
    const adminB = { authorization: await bearerFor(database.db, world.adminB.id) };
    const moduleB = String(await siteModuleId(world.siteB, 'token'));
    const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const accepted = await call(acceptRiskRoute.PUT, `/api/v1/site-modules/${moduleB}/accept-risk`, {
      method: 'PUT',
      headers: adminB,
      params: { id: moduleB },
      body: { reason: 'Module disabled on production; upgrade planned', expires_at: inAMonth },
    });
    expect(accepted.status).toBe(200);
    await setVerdict(world.siteA, 'token', { security: true, target: '8.x-1.16' });
    await setVerdict(world.siteB, 'token', { security: true, target: '8.x-1.16' });
    expect(await sendFindingNotifications(database.db, 'immediate')).toEqual({ mails: 1, findings: 1 });
    await waitForMail(3);
    expect(received[2]!.to).toEqual(['admin-a@example.test']);
    expect(received[2]!.raw).toContain('8.x-1.16');
  });

  it('sends daily and weekly digests with security and other updates, each finding once', async () => {
    const daily = await sendFindingNotifications(database.db, 'daily');
    expect(daily).toEqual({ mails: 1, findings: 2 });
    await waitForMail(4);
    const digest = received[3]!;
    expect(digest.to).toEqual(['dev-a@example.test']);
    expect(digest.raw).toContain('Daily Drupal update digest: 1 security, 1 other');
    expect(digest.raw).toContain('paragraphs 8.x-1.17');
    // The superuser's weekly digest covers every organisation, except the accepted risk.
    expect(await sendFindingNotifications(database.db, 'weekly')).toEqual({ mails: 1, findings: 1 });
    expect(await sendFindingNotifications(database.db, 'daily')).toEqual({ mails: 0, findings: 0 });
  });

  it('keeps mail in the outbox when SMTP is not configured; superusers read it', async () => {
    delete process.env.SMTP_URL;
    resetEnvForTests();
    await setVerdict(world.siteA, 'token', { security: true, target: '8.x-1.17' });
    expect(await sendFindingNotifications(database.db, 'immediate')).toEqual({ mails: 1, findings: 1 });
    expect(received).toHaveLength(5);
    const superuser = { authorization: await bearerFor(database.db, world.superuser.id) };
    const listed = await call(outbox.GET, '/api/v1/outbox', { headers: superuser });
    expect(listed.status).toBe(200);
    expect(listed.json.data[0]).toMatchObject({ to: 'admin-a@example.test', status: 'stored', transport: 'outbox', category: 'drupal.immediate' });
    expect(listed.json.data[0].text).toContain('8.x-1.17');
    expect((await call(outbox.GET, '/api/v1/outbox', { headers: { authorization: await bearerFor(database.db, world.adminA.id) } })).status).toBe(403);
  });
});

describe('accept risk', () => {
  it('is for organisation admins of the site, with a future expiry', async () => {
    const id = String(await siteModuleId(world.siteA, 'paragraphs'));
    const body = { reason: 'Waiting for the vendor', expires_at: new Date(Date.now() + 86_400_000).toISOString() };
    const put = (headers: { authorization: string }, payload: unknown = body) =>
      call(acceptRiskRoute.PUT, `/api/v1/site-modules/${id}/accept-risk`, { method: 'PUT', headers, params: { id }, body: payload });
    expect((await put({ authorization: await bearerFor(database.db, world.devA.id) })).status).toBe(403);
    expect((await put({ authorization: await bearerFor(database.db, world.adminB.id) })).status).toBe(404);
    const admin = { authorization: await bearerFor(database.db, world.adminA.id) };
    expect((await put(admin, { ...body, expires_at: '2020-01-01T00:00:00Z' })).status).toBe(422);
    expect((await put(admin)).json.data.accepted_risk.reason).toBe('Waiting for the vendor');
    const cleared = await call(acceptRiskRoute.DELETE, `/api/v1/site-modules/${id}/accept-risk`, { method: 'DELETE', headers: admin, params: { id } });
    expect(cleared.json.data.accepted_risk).toBeNull();
    const audit = await database.db.selectFrom('audit_logs').select('action').where('entity_type', '=', 'site_module').execute();
    expect(audit.map((a) => a.action)).toEqual(['site_module.accept_risk', 'site_module.accept_risk', 'site_module.clear_risk']);
  });
});
