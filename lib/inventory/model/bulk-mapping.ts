import { MIN_PROPOSAL_SCORE, normalizeOrganizationName, organizationNameSimilarity, type NamedOrganization } from './org-matching';

// Which NinjaOne organisations the one-click set-up turns into organisations
// of ours (pure). Only those that match none of ours: a NinjaOne organisation
// whose name is close to one of ours is a proposal for a person to review, and
// creating a second organisation for it would split one client in two.
// NinjaOne organisations whose names agree once normalised are one client (the
// same rule the cross-vendor checks apply) and share one new organisation.

export interface UnmatchedVendorOrganization {
  id: number;
  name: string;
}

export interface PlannedOrganization {
  /** The shortest vendor spelling (usually the one without a legal suffix), tidied. */
  name: string;
  vendorOrganizationIds: number[];
}

export interface SkippedVendorOrganization {
  id: number;
  name: string;
  reason: 'close_to_existing' | 'no_name';
  /** For close_to_existing: the organisation of ours it is closest to. */
  closest?: NamedOrganization;
}

export interface BulkMappingPlan {
  create: PlannedOrganization[];
  skipped: SkippedVendorOrganization[];
}

/** Longest name an organisation may have (organizationCreateSchema). */
const MAX_NAME = 200;

export function planOrganizationsForUnmatched(unmatched: readonly UnmatchedVendorOrganization[], ours: readonly NamedOrganization[]): BulkMappingPlan {
  const plan: BulkMappingPlan = { create: [], skipped: [] };
  const clients = new Map<string, UnmatchedVendorOrganization[]>();
  for (const org of unmatched) {
    const key = normalizeOrganizationName(org.name);
    if (key === '') plan.skipped.push({ id: org.id, name: org.name, reason: 'no_name' });
    else clients.set(key, [...(clients.get(key) ?? []), org]);
  }
  for (const key of [...clients.keys()].sort()) {
    const spellings = clients.get(key)!.map((org) => ({ ...org, tidy: tidy(org.name) }));
    const closest = closestOrganization(key, ours);
    if (closest) {
      for (const org of spellings) plan.skipped.push({ id: org.id, name: org.name, reason: 'close_to_existing', closest });
      continue;
    }
    const [first] = [...spellings].sort((a, b) => a.tidy.length - b.tidy.length || (a.tidy < b.tidy ? -1 : a.tidy > b.tidy ? 1 : 0));
    plan.create.push({ name: first!.tidy, vendorOrganizationIds: spellings.map((org) => org.id).sort((a, b) => a - b) });
  }
  return plan;
}

function tidy(name: string): string {
  return name.trim().replace(/\s+/g, ' ').slice(0, MAX_NAME);
}

function closestOrganization(name: string, ours: readonly NamedOrganization[]): NamedOrganization | undefined {
  let best: { org: NamedOrganization; score: number } | undefined;
  for (const org of ours) {
    const score = organizationNameSimilarity(name, org.name);
    if (score >= MIN_PROPOSAL_SCORE && (!best || score > best.score)) best = { org, score };
  }
  return best && { id: best.org.id, name: best.org.name };
}
