import type { Db } from '@/db';
import { drupalPosture, threatLockerCoverage, windows11Readiness, type DrupalPostureRow, type ThreatLockerCoverageRow, type Windows11ReadinessRow } from '@/db/queries/qbr/posture';

// A client's security and lifecycle posture for the client QBR: Windows 11
// 24H2 readiness and devices without ThreatLocker (inventory), and Drupal
// sites with security updates pending (drupal).

export type ClientPosture = { windows11: Windows11ReadinessRow; threatlocker: ThreatLockerCoverageRow; drupal: DrupalPostureRow };

export async function clientPosture(db: Db, organizationId: number): Promise<ClientPosture> {
  const [windows11, threatlocker, drupal] = await Promise.all([windows11Readiness(db, organizationId), threatLockerCoverage(db, organizationId), drupalPosture(db, organizationId)]);
  return { windows11, threatlocker, drupal };
}
