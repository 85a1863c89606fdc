import type { Db } from '@/db';
import { drupalPosture as postureOf, type DrupalPostureRow } from '@/db/queries/drupal/posture';

// What Drupal monitoring tells the client QBR about an organisation: its live
// sites and the security updates pending on them. It takes the database, not
// a caller: the report that reads it has authorised its reader for the
// organisation.

export function drupalPosture(db: Db, organizationId: number): Promise<DrupalPostureRow> {
  return postureOf(db, organizationId);
}
