// What the Drupal API and pages return: JSON-safe shapes, and the mappers
// from database rows to them. Client components import these types only.

export type { SiteModuleStatus } from '@/db/types-domain/drupal';
