import type { Insertable } from 'kysely';
import type { Db } from '@/db';
import type { AuditLogsTable } from '@/db/types';

/** One audit entry, written inside the transaction of the change it records. */
export async function insertAuditLog(db: Db, row: Insertable<AuditLogsTable>): Promise<void> {
  await db.insertInto('audit_logs').values(row).execute();
}
