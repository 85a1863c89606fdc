import type { Db } from '@/db';
import type { QbrPeriodType } from '@/db/types-domain/qbr';
import { insertChunked } from './chunked';

// The stored SmartNumbers per organisation and month or quarter (null when
// not computable); replaced whole for the periods a derivation covers.

export type NewSmartnumberRow = { organization_id: number; period: string; period_type: QbrPeriodType; kpi_name: string; value: number | null; calculation_method: string; notes: string | null };

export async function replaceSmartnumbers(db: Db, organizationIds: readonly number[], periods: readonly string[], rows: readonly NewSmartnumberRow[]) {
  if (organizationIds.length === 0 || periods.length === 0) return;
  await db.deleteFrom('smartnumbers').where('organization_id', 'in', organizationIds).where('period', 'in', periods).execute();
  await insertChunked(rows, (chunk) =>
    db
      .insertInto('smartnumbers')
      .values(chunk.map(({ value, ...r }) => ({ ...r, kpi_value: value === null ? null : String(value), data_source: 'calculated' as const })))
      .execute(),
  );
}

export type SmartnumberRow = { period: string; period_type: QbrPeriodType; kpi_name: string; value: number | null; calculation_method: string; notes: string | null; updated_at: Date };

export async function loadSmartnumberRows(db: Db, organizationId: number, periods: readonly string[]): Promise<SmartnumberRow[]> {
  if (periods.length === 0) return [];
  const rows = await db
    .selectFrom('smartnumbers')
    .select(['period', 'period_type', 'kpi_name', 'kpi_value', 'calculation_method', 'notes', 'updated_at'])
    .where('organization_id', '=', organizationId)
    .where('period', 'in', periods)
    .orderBy('period')
    .execute();
  return rows.map(({ kpi_value, ...r }) => ({ ...r, value: kpi_value === null ? null : Number(kpi_value) }));
}
