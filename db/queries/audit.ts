import type { Insertable } from 'kysely';
import type { Db } from '@/db';
import type { AuditLogsTable } from '@/db/types';

/** Audit entries, written inside the transaction of the change they record (one statement). */
export async function insertAuditLog(db: Db, rows: Insertable<AuditLogsTable> | Insertable<AuditLogsTable>[]): Promise<void> {
  if (Array.isArray(rows) && rows.length === 0) return;
  await db.insertInto('audit_logs').values(rows).execute();
}
