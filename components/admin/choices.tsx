'use client';

import { SelectField } from '@/components/ui/form-field';
import { roleLabel, type OrganizationChoice } from './labels';

export function RoleOptions({ roles }: { roles: string[] }) {
  return roles.map((r) => (
    <option key={r} value={r}>
      {roleLabel(r)}
    </option>
  ));
}

export function OrganizationOptions({ organizations, markHome = false }: { organizations: OrganizationChoice[]; markHome?: boolean }) {
  return organizations.map((o) => (
    <option key={o.id} value={o.id}>
      {o.name}
      {markHome && o.is_home ? ' (home)' : ''}
    </option>
  ));
}

/** The "Organisation" list filter, with "All organisations" first. */
export function OrganizationFilter({
  organizations,
  value,
  onChange,
  className,
}: {
  organizations: OrganizationChoice[];
  value: string;
  onChange: (value: string) => void;
  className: string;
}) {
  return (
    <SelectField label="Organisation" value={value} onChange={(e) => onChange(e.target.value)} className={className}>
      <option value="">All organisations</option>
      <OrganizationOptions organizations={organizations} />
    </SelectField>
  );
}
