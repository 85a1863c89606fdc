import type { Db } from '@/db';
import type { Insertable } from 'kysely';
import { insertAuditLog } from '@/db/queries/audit';
import type { AuditLogsTable } from '@/db/types';
import { actorLabel, type Actor } from './context';

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  organizationId?: number | null;
  siteId?: number | null;
  status?: 'success' | 'failure';
  before?: unknown;
  after?: unknown;
  data?: unknown;
};

type Origin = { actor: Actor | null; requestId: string | null; ip: string | null };

const json = (value: unknown) => (value === undefined || value === null ? undefined : JSON.stringify(value));

function rowOf(origin: Origin, entry: AuditEntry): Insertable<AuditLogsTable> {
  const actor = origin.actor;
  return {
    organization_id: entry.organizationId ?? (actor ? actor.organizationId : null),
    site_id: entry.siteId ?? null,
    actor_type: actor ? actor.kind : 'system',
    actor_id: actor ? (actor.kind === 'user' ? actor.userId : actor.apiKeyId) : null,
    actor_label: actor ? actorLabel(actor) : 'system',
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    status: entry.status ?? 'success',
    before: json(entry.before),
    after: json(entry.after),
    data: json(entry.data),
    request_id: origin.requestId,
    ip: origin.ip,
  };
}

/**
 * Writes one audit entry. Call it inside the transaction that makes the
 * change, so that a change and its record land together or not at all.
 */
export async function recordAudit(db: Db, origin: Origin, entry: AuditEntry): Promise<void> {
  await insertAuditLog(db, rowOf(origin, entry));
}

/** Writes several audit entries, each with its own origin, in one statement (changes committed together). */
export async function recordAudits(db: Db, entries: readonly { origin: Origin; entry: AuditEntry }[]): Promise<void> {
  await insertAuditLog(
    db,
    entries.map((e) => rowOf(e.origin, e.entry)),
  );
}
