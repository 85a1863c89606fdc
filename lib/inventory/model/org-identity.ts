import { normalizeOrganizationName } from './org-matching';

// When two vendor organisations are the same client, for the cross-vendor
// checks (pure). A confirmed mapping is the best evidence and always wins, but
// the checks must not wait for it: on the first day nothing is mapped, and a
// machine filed under "X" in NinjaOne and "Y" in ThreatLocker is still news.
//
// The rule, for a NinjaOne organisation n and a ThreatLocker organisation t:
// - either is ignored ("none of ours"): no comparison, no exception;
// - both are mapped: same client when they map to the same organisation of ours;
// - otherwise (one or both unmapped): same client when their names agree once
//   normalised (case, punctuation, "&", legal suffixes such as LLC or Inc.);
//   a nameless organisation cannot be compared.
// Mapping one side only therefore never silences a check: the other side is
// still compared by name until it is mapped too.

/** How two organisations were compared: through confirmed mappings, or by their names. */
export type OrganizationComparison = 'mapping' | 'name';

/** A vendor organisation as a device carries it. */
export interface OrganizationSide {
  /** Our organisation through a confirmed mapping; null while unmapped (or ignored). */
  organizationId: number | null;
  vendorOrganizationName: string | null;
  /** A superuser said this vendor organisation is none of ours. */
  organizationIgnored?: boolean;
}

export interface OrganizationVerdict {
  same: boolean;
  by: OrganizationComparison;
}

/** Whether two vendor organisations are one client, or null when the rule cannot say. */
export function compareOrganizations(a: OrganizationSide, b: OrganizationSide): OrganizationVerdict | null {
  if (a.organizationIgnored || b.organizationIgnored) return null;
  if (a.organizationId !== null && b.organizationId !== null) return { same: a.organizationId === b.organizationId, by: 'mapping' };
  const nameA = nameKey(a);
  const nameB = nameKey(b);
  if (nameA === '' || nameB === '') return null;
  return { same: nameA === nameB, by: 'name' };
}

/**
 * Which NinjaOne organisations are expected to run ThreatLocker: those that
 * are the same client (by the rule above) as a ThreatLocker organisation with
 * at least one agent. Returns how that was decided, or null when out of scope.
 * Equivalent to trying compareOrganizations against every ThreatLocker
 * organisation, in constant time per device.
 */
export function threatlockerScope(threatlockerOrganizations: readonly OrganizationSide[]): (ninja: OrganizationSide) => OrganizationComparison | null {
  const tenants = new Set<number>();
  const allNames = new Set<string>();
  const unmappedNames = new Set<string>();
  for (const t of threatlockerOrganizations) {
    if (t.organizationIgnored) continue;
    if (t.organizationId !== null) tenants.add(t.organizationId);
    const name = nameKey(t);
    if (name === '') continue;
    allNames.add(name);
    if (t.organizationId === null) unmappedNames.add(name);
  }
  return (ninja) => {
    if (ninja.organizationIgnored) return null;
    const name = nameKey(ninja);
    if (ninja.organizationId !== null) {
      if (tenants.has(ninja.organizationId)) return 'mapping';
      // A mapped NinjaOne organisation still meets an unmapped ThreatLocker one by name.
      return name !== '' && unmappedNames.has(name) ? 'name' : null;
    }
    return name !== '' && allNames.has(name) ? 'name' : null;
  };
}

function nameKey(side: OrganizationSide): string {
  return normalizeOrganizationName(side.vendorOrganizationName ?? '');
}
