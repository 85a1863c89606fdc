// Proposes which of our organisations a vendor's organisation is, from the
// names alone. A superuser confirms or changes every proposal; until then no
// device is placed in a tenant, so a wrong guess never leaks data.

export interface NamedOrganization {
  id: number;
  name: string;
}

export interface OrganizationProposal {
  organizationId: number;
  /** 0–1; 1 means the names are the same once legal suffixes and punctuation are ignored. */
  score: number;
}

/** Proposals below this are not worth a superuser's time. */
export const MIN_PROPOSAL_SCORE = 0.6;

const LEGAL_SUFFIXES = new Set(['llc', 'inc', 'pllc', 'ltd', 'limited', 'co', 'corp', 'corporation', 'company', 'llp', 'plc', 'gmbh', 'pc']);

export function normalizeOrganizationName(name: string): string {
  const words = name
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  while (words.length > 1 && LEGAL_SUFFIXES.has(words[words.length - 1]!)) words.pop();
  return words.join(' ');
}

function bigrams(text: string): Map<string, number> {
  const grams = new Map<string, number>();
  const compact = text.replace(/ /g, '');
  for (let i = 0; i < compact.length - 1; i += 1) {
    const gram = compact.slice(i, i + 2);
    grams.set(gram, (grams.get(gram) ?? 0) + 1);
  }
  return grams;
}

/** Dice similarity of the normalised names' character pairs. */
export function organizationNameSimilarity(a: string, b: string): number {
  const na = normalizeOrganizationName(a);
  const nb = normalizeOrganizationName(b);
  if (na === '' || nb === '') return 0;
  if (na === nb) return 1;
  const ga = bigrams(na);
  const gb = bigrams(nb);
  let shared = 0;
  let total = 0;
  for (const count of ga.values()) total += count;
  for (const count of gb.values()) total += count;
  for (const [gram, count] of ga) shared += Math.min(count, gb.get(gram) ?? 0);
  return total === 0 ? 0 : (2 * shared) / total;
}

/**
 * The best-matching organisation, or null when none is close enough or two
 * are equally close (a tie is a question for a person, not a guess).
 */
export function proposeOrganization(vendorName: string, organizations: readonly NamedOrganization[]): OrganizationProposal | null {
  let best: OrganizationProposal | null = null;
  let tied = false;
  for (const org of organizations) {
    const score = organizationNameSimilarity(vendorName, org.name);
    if (best === null || score > best.score) {
      best = { organizationId: org.id, score };
      tied = false;
    } else if (score === best.score) {
      tied = true;
    }
  }
  if (!best || tied || best.score < MIN_PROPOSAL_SCORE) return null;
  return { organizationId: best.organizationId, score: Math.round(best.score * 1000) / 1000 };
}
