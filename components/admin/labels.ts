import type { BadgeTone } from '@/components/ui/badge';

const roleLabels: Record<string, string> = {
  superuser: 'Superuser',
  org_admin: 'Organisation admin',
  developer: 'Developer',
  viewer: 'Viewer',
};

export const roleLabel = (role: string) => roleLabels[role] ?? role;

export const roleTone: Record<string, BadgeTone> = {
  superuser: 'brand',
  org_admin: 'blue',
  developer: 'slate',
  viewer: 'slate',
};

export type { OrganizationChoice, SiteChoice } from '@/lib/admin/dto';
