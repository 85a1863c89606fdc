import type { BadgeTone } from '@/components/ui/badge';

export const roleLabels: Record<string, string> = {
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

export type OrganizationChoice = { id: number; name: string; is_home: boolean };
export type SiteChoice = { id: number; name: string; organization_id: number };
