import { sql } from 'kysely';
import type { Db } from '@/db';
import type { ThresholdDirection } from '@/db/types-domain/qbr';

// Threshold rows: global defaults (organization_id null) and an
// organisation's own bounds, one per metric and scope.

export type ThresholdRow = {
  id: number;
  organization_id: number | null;
  metric_name: string;
  direction: ThresholdDirection;
  green: number;
  yellow: number;
  red: number;
  notes: string | null;
  updated_at: Date;
};

/** The organisation's own thresholds and the global defaults (organisation rows first per metric). */
export async function loadThresholds(db: Db, organizationId: number | null): Promise<ThresholdRow[]> {
  const rows = await db
    .selectFrom('thresholds')
    .select(['id', 'organization_id', 'metric_name', 'direction', 'green_threshold', 'yellow_threshold', 'red_threshold', 'notes', 'updated_at'])
    .where((eb) => (organizationId === null ? eb('organization_id', 'is', null) : eb.or([eb('organization_id', 'is', null), eb('organization_id', '=', organizationId)])))
    .orderBy('metric_name')
    .orderBy(sql`organization_id is null`)
    .execute();
  return rows.map(({ green_threshold, yellow_threshold, red_threshold, ...r }) => ({ ...r, green: Number(green_threshold), yellow: Number(yellow_threshold), red: Number(red_threshold) }));
}

export async function findThreshold(db: Db, organizationId: number | null, metricName: string): Promise<ThresholdRow | undefined> {
  return (await loadThresholds(db, organizationId)).find((t) => t.metric_name === metricName && t.organization_id === organizationId);
}

export async function saveThreshold(
  db: Db,
  input: { organization_id: number | null; metric_name: string; direction: ThresholdDirection; green: number; yellow: number; notes: string | null; updated_by: number | null },
): Promise<void> {
  const values = { direction: input.direction, green_threshold: String(input.green), yellow_threshold: String(input.yellow), notes: input.notes, updated_by: input.updated_by };
  const existing = await findThreshold(db, input.organization_id, input.metric_name);
  if (existing) {
    await db.updateTable('thresholds').set({ ...values, updated_at: sql`now()` }).where('id', '=', existing.id).execute();
  } else {
    await db.insertInto('thresholds').values({ ...values, organization_id: input.organization_id, metric_name: input.metric_name }).execute();
  }
}
