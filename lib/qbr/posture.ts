import type { Db } from '@/db';
import { drupalPosture } from '@/lib/drupal';
import { inventoryPosture } from '@/lib/inventory';
import type { ClientPosture } from './dto';

// A client's security and lifecycle posture for the client QBR: Windows 11
// 24H2 readiness and devices without ThreatLocker (inventory), and Drupal
// sites with security updates pending (drupal).

export async function clientPosture(db: Db, organizationId: number): Promise<ClientPosture> {
  const [{ windows11, threatlocker }, drupal] = await Promise.all([inventoryPosture(db, organizationId), drupalPosture(db, organizationId)]);
  return { windows11, threatlocker, drupal };
}
