import { can, type Actor } from '@/lib/auth/policy';

export type NavGroup = { label: string; items: { href: string; label: string }[] };

/** The navigation a role sees: nothing it could not open. */
export function navigationFor(actor: Actor): NavGroup[] {
  const groups: NavGroup[] = [{ label: 'Overview', items: [{ href: '/', label: 'Home' }] }];
  const work: NavGroup['items'] = [];
  if (can(actor, 'inventory:read')) work.push({ href: '/inventory', label: 'Inventory' });
  if (can(actor, 'qbr:read')) work.push({ href: '/qbr', label: 'QBR' });
  if (can(actor, 'site:read')) work.push({ href: '/drupal', label: 'Drupal' });
  if (work.length) groups.push({ label: 'Work', items: work });
  const admin: NavGroup['items'] = [];
  if (can(actor, 'user:read')) admin.push({ href: '/admin/users', label: 'Users' });
  if (can(actor, 'organization:create')) admin.push({ href: '/admin/organizations', label: 'Organisations' });
  if (can(actor, 'inventory:operate')) admin.push({ href: '/inventory/mappings', label: 'Vendor mappings' });
  if (can(actor, 'api_key:read')) admin.push({ href: '/admin/api-keys', label: 'API keys' });
  if (can(actor, 'audit:read')) admin.push({ href: '/admin/audit-log', label: 'Audit log' });
  if (can(actor, 'jobs:read')) admin.push({ href: '/admin/jobs', label: 'Jobs' });
  if (admin.length) groups.push({ label: 'Admin', items: admin });
  return groups;
}
