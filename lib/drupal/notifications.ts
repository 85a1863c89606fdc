import type { Db } from '@/db';
import { insertNotifications, listActiveUsers, listNotified, listOpenUpdates, lockNotifications } from '@/db/queries/drupal/notifications';
import { env } from '@/lib/core/env';
import { deliverQueuedMail, queueMail, type MailMessage } from '@/lib/mail/send';

// E-mail about findings, per user preference (users.notification_preferences):
//   security_updates: immediate (default) | daily | weekly | off
//   other_updates:    daily | weekly | off (default)
// A finding is one site module at one installed version with one target
// version; each user hears about it once (drupal_notifications' unique key),
// whether by immediate mail or in a digest. Accepted risks are not findings.

export type Cadence = 'immediate' | 'daily' | 'weekly';
type Preferences = { security: Cadence | 'off'; other: Exclude<Cadence, 'immediate'> | 'off' };

function preferencesOf(raw: unknown): Preferences {
  const value = (raw ?? {}) as Record<string, unknown>;
  const security = ['immediate', 'daily', 'weekly', 'off'].includes(value.security_updates as string)
    ? (value.security_updates as Preferences['security'])
    : 'immediate';
  const other = ['daily', 'weekly', 'off'].includes(value.other_updates as string) ? (value.other_updates as Preferences['other']) : 'off';
  return { security, other };
}

type Finding = {
  site_id: number;
  site_name: string;
  site_url: string;
  organization_id: number;
  module_id: number;
  project: string;
  installed_version: string | null;
  target_version: string | null;
  kind: 'security' | 'update';
  release_link: string | null;
  finding_key: string;
};

async function openFindings(db: Db): Promise<Finding[]> {
  const rows = await listOpenUpdates(db);
  return rows.map((r) => {
    const releases = (r.security_releases as { version: string; release_link: string | null }[] | null) ?? [];
    const target = r.recommended_version ?? r.latest_version;
    const kind = r.security_update ? 'security' : 'update';
    const link =
      releases.find((s) => s.version === target)?.release_link ??
      releases[0]?.release_link ??
      (target ? `${r.drupal_link ?? `https://www.drupal.org/project/${r.project}`}/releases/${target}` : null);
    return {
      site_id: r.site_id,
      site_name: r.site_name,
      site_url: r.site_url,
      organization_id: r.organization_id,
      module_id: r.module_id,
      project: r.project,
      installed_version: r.current_version,
      target_version: target,
      kind,
      release_link: link,
      finding_key: `${kind}:${r.site_id}:${r.module_id}:${r.current_version ?? '-'}:${target ?? '-'}`,
    };
  });
}

async function recipients(db: Db) {
  const users = await listActiveUsers(db);
  return users.map((u) => ({ ...u, preferences: preferencesOf(u.notification_preferences) }));
}

function describe(finding: Finding): string {
  const target = finding.target_version ? ` → ${finding.target_version}` : '';
  const link = finding.release_link ? `\n    Release: ${finding.release_link}` : '';
  return `  - ${finding.site_name} (${finding.site_url}): ${finding.project} ${finding.installed_version ?? '(unknown version)'}${target}${link}`;
}

function compose(user: { email: string; name: string }, cadence: Cadence, findings: Finding[]): MailMessage {
  const security = findings.filter((f) => f.kind === 'security');
  const other = findings.filter((f) => f.kind === 'update');
  const appUrl = env().APP_URL ?? `http://localhost:${env().PORT}`;
  const subject =
    cadence === 'immediate'
      ? security.length === 1
        ? `Security update: ${security[0]!.project} on ${security[0]!.site_name}`
        : `Security updates: ${security.length} modules on your Drupal sites`
      : `${cadence === 'daily' ? 'Daily' : 'Weekly'} Drupal update digest: ${security.length} security, ${other.length} other`;
  const sections = [
    `Hello ${user.name},`,
    '',
    ...(security.length ? ['Security updates (apply these first):', ...security.map(describe), ''] : []),
    ...(other.length ? ['Other updates:', ...other.map(describe), ''] : []),
    `Details and accepted risks: ${appUrl}/drupal`,
    'Change how often you hear from us in your notification preferences.',
  ];
  return { to: user.email, subject, text: sections.join('\n'), category: `drupal.${cadence}` };
}

/**
 * Sends what is due for one cadence: immediate mail about new security
 * findings, or the daily/weekly digest. Returns the number of mails sent.
 */
export async function sendFindingNotifications(db: Db, cadence: Cadence): Promise<{ mails: number; findings: number }> {
  const outcome = await db.transaction().execute(async (trx) => {
    // One sender at a time, so two runs cannot both mail the same finding.
    await lockNotifications(trx);
    const findings = await openFindings(trx);
    if (findings.length === 0) return { mailIds: [] as number[], findings: 0 };
    const users = await recipients(trx);
    const sent = await listNotified(trx, [...new Set(findings.map((f) => f.finding_key))]);
    const already = new Set(sent.map((s) => `${s.user_id}\u0000${s.finding_key}`));
    const plans = users.flatMap((user) => {
      const wants = (f: Finding) =>
        (f.kind === 'security' ? user.preferences.security === cadence : user.preferences.other === cadence) &&
        (user.role === 'superuser' || f.organization_id === user.organization_id) &&
        !already.has(`${user.id}\u0000${f.finding_key}`);
      const own = findings.filter(wants);
      return own.length ? [{ user, findings: own }] : [];
    });
    const mailIds: number[] = [];
    for (const plan of plans) {
      const [mailId] = await queueMail(trx, [compose(plan.user, cadence, plan.findings)]);
      mailIds.push(mailId!);
      await insertNotifications(
        trx,
        plan.findings.map((f) => ({
          user_id: plan.user.id,
          site_id: f.site_id,
          module_id: f.module_id,
          kind: f.kind,
          finding_key: f.finding_key,
          installed_version: f.installed_version,
          target_version: f.target_version,
          cadence,
          mail_id: mailId!,
        })),
      );
    }
    return { mailIds, findings: plans.reduce((n, p) => n + p.findings.length, 0) };
  });
  // After commit: sends what this run queued, and earlier sends due for another try.
  // A finding is planned once; its mail may be retried, never re-planned.
  await deliverQueuedMail(db);
  return { mails: outcome.mailIds.length, findings: outcome.findings };
}
