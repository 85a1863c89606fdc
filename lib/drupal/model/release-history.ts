// Parser for https://updates.drupal.org/release-history/{project}/current.
//
// Mirrors UpdateProcessor::parseXml: element text becomes strings, release
// terms become `{ "Release type": [...] }`, and a document without
// <short_name> counts as a failed fetch. Document order of <release> is kept
// because core's status algorithm depends on it (newest first per major).

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';

export const RELEASE_TYPE_TERM = 'Release type';
export const SECURITY_UPDATE = 'Security update';
export const INSECURE = 'Insecure';
export const UNSUPPORTED = 'Unsupported';

const MAX_XML_LENGTH = 16 * 1024 * 1024;

const termsSchema = z.record(z.string(), z.array(z.string()));

export const releaseSecuritySchema = z.object({
  /** e.g. "Covered by Drupal's security advisory policy". */
  text: z.string().nullable(),
  /** From `covered="1"` / `covered="0"` on live feeds; null when absent. */
  covered: z.boolean().nullable(),
  attributes: z.record(z.string(), z.string()),
});

export const releaseSchema = z.object({
  name: z.string().nullable(),
  version: z.string().min(1),
  tag: z.string().nullable(),
  status: z.enum(['published', 'unpublished']),
  releaseLink: z.string().nullable(),
  downloadLink: z.string().nullable(),
  /** ISO 8601, from the unix timestamp in <date>. */
  date: z.string().nullable(),
  timestamp: z.number().int().nonnegative().nullable(),
  /** Values of the "Release type" term: Security update, Insecure, Unsupported, Bug fixes, New features. */
  releaseTypes: z.array(z.string()),
  terms: termsSchema,
  security: releaseSecuritySchema.nullable(),
  /** A composer constraint on Drupal core, e.g. `^9.5 || ^10 || ^11`. */
  coreCompatibility: z.string().nullable(),
});

export const releaseHistorySchema = z.object({
  shortName: z.string().min(1),
  title: z.string().nullable(),
  /** project_core, project_module, project_theme, project_distribution… */
  type: z.string().nullable(),
  /** published, unsupported, unpublished; core also knows insecure and revoked. */
  projectStatus: z.string().nullable(),
  supportedBranches: z.array(z.string()),
  link: z.string().nullable(),
  terms: termsSchema,
  releases: z.array(releaseSchema),
});

export type ReleaseSecurity = z.infer<typeof releaseSecuritySchema>;
export type Release = z.infer<typeof releaseSchema>;
export type ReleaseHistory = z.infer<typeof releaseHistorySchema>;

export type ReleaseHistoryResult =
  | { kind: 'ok'; project: ReleaseHistory; warnings: string[] }
  /** drupal.org answered `<error>`: it has no release history for that name. */
  | { kind: 'not-found'; message: string }
  /** Not XML, not a release history (HTML error page…), or no <short_name>. */
  | { kind: 'invalid'; message: string };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  htmlEntities: true,
  isArray: (tagName) => tagName === 'release' || tagName === 'term',
});

/** Parses a release-history document. Never throws. */
export function parseReleaseHistory(xml: string): ReleaseHistoryResult {
  if (typeof xml !== 'string') return invalid('Release history must be a string');
  if (xml.length > MAX_XML_LENGTH) return invalid(`Release history is larger than ${MAX_XML_LENGTH} characters`);
  const text = xml.replace(/^\uFEFF/, '').trim();
  if (text === '') return invalid('Release history is empty');

  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    const { msg, line } = validation.err;
    return invalid(`Release history is not well-formed XML: ${msg} (line ${line})`);
  }

  let document: unknown;
  try {
    document = parser.parse(text);
  } catch (error) {
    // fast-xml-parser refuses names such as __proto__ by throwing.
    return invalid(`Release history could not be parsed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isRecord(document)) return invalid('Release history has no root element');

  if ('error' in document) {
    return { kind: 'not-found', message: readText(document.error) ?? 'No release history was found' };
  }
  if (!('project' in document)) {
    const root = Object.keys(document).find((key) => !key.startsWith('?'));
    return invalid(`Expected a <project> or <error> root element, found ${root ? `<${root}>` : 'none'}`);
  }
  return readProject(document.project);
}

/** True when the release carries the given "Release type" term (exact match, as core). */
export function hasReleaseType(release: Pick<Release, 'releaseTypes'>, type: string): boolean {
  return release.releaseTypes.includes(type);
}

/** The module_versions row of each release: its flags read from its release types. */
export function versionRowsOf(history: Pick<ReleaseHistory, 'releases'>) {
  return history.releases.map((r) => ({
    version: r.version,
    release_date: r.date,
    is_published: r.status === 'published',
    is_security_release: hasReleaseType(r, SECURITY_UPDATE),
    is_insecure: hasReleaseType(r, INSECURE),
    is_unsupported: hasReleaseType(r, UNSUPPORTED),
    release_types: r.releaseTypes,
    core_compatibility: r.coreCompatibility,
    release_link: r.releaseLink,
  }));
}

function readProject(node: unknown): ReleaseHistoryResult {
  const project = isRecord(node) ? node : {};
  const shortName = readText(project.short_name);
  if (shortName === null) {
    // Core's parseXml returns NULL here, which the fetcher records as a failure.
    return invalid('Release history has no <short_name>; treated as a failed fetch');
  }

  const warnings: string[] = [];
  const releases = readReleases(project.releases, warnings);
  const candidate = {
    shortName,
    title: decodeEntities(readText(project.title)),
    type: readText(project.type),
    projectStatus: readText(project.project_status),
    supportedBranches: splitBranches(readText(project.supported_branches)),
    link: readText(project.link),
    terms: readTerms(project.terms),
    releases,
  };
  const parsed = releaseHistorySchema.safeParse(candidate);
  if (!parsed.success) return invalid(`Release history has an unexpected shape: ${z.prettifyError(parsed.error)}`);
  return { kind: 'ok', project: parsed.data, warnings };
}

function readReleases(node: unknown, warnings: string[]): Release[] {
  const list = isRecord(node) && Array.isArray(node.release) ? node.release : [];
  // Core keys releases by version: a repeated version keeps its first position
  // and takes the later data.
  const byVersion = new Map<string, Release>();
  list.forEach((item, index) => {
    const release = readRelease(item);
    if (release.success) {
      byVersion.set(release.data.version, release.data);
    } else {
      warnings.push(`Skipped release #${index + 1}: ${z.prettifyError(release.error)}`);
    }
  });
  return [...byVersion.values()];
}

function readRelease(node: unknown) {
  const release = isRecord(node) ? node : {};
  const terms = readTerms(release.terms);
  const timestamp = readTimestamp(readText(release.date));
  return releaseSchema.safeParse({
    name: readText(release.name),
    version: readText(release.version),
    tag: readText(release.tag),
    status: readText(release.status),
    releaseLink: readText(release.release_link),
    downloadLink: readText(release.download_link),
    date: timestamp === null ? null : new Date(timestamp * 1000).toISOString(),
    timestamp,
    releaseTypes: terms[RELEASE_TYPE_TERM] ?? [],
    terms,
    security: readSecurity(release.security),
    coreCompatibility: readText(release.core_compatibility),
  });
}

function readTerms(node: unknown): Record<string, string[]> {
  const terms: Record<string, string[]> = {};
  // A repeated <terms> element: SimpleXML's `$release->terms` reads the first.
  const first = Array.isArray(node) ? node[0] : node;
  const list = isRecord(first) && Array.isArray(first.term) ? first.term : [];
  for (const term of list) {
    if (!isRecord(term)) continue;
    const name = readText(term.name);
    const value = readText(term.value);
    if (name === null || value === null) continue;
    (terms[name] ??= []).push(value);
  }
  return terms;
}

function readSecurity(node: unknown): ReleaseSecurity | null {
  if (node === undefined || node === null) return null;
  const attributes: Record<string, string> = {};
  if (isRecord(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('@_') && typeof value === 'string') attributes[key.slice(2)] = value;
    }
  }
  const text = readText(node);
  const covered = attributes.covered === '1' ? true : attributes.covered === '0' ? false : null;
  return { text: text === null ? null : text.replace(/\s+/g, ' '), covered, attributes };
}

function readText(node: unknown): string | null {
  if (Array.isArray(node)) return readText(node[0]);
  if (typeof node === 'string') return node.trim() === '' ? null : node.trim();
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (isRecord(node)) return readText(node['#text']);
  return null;
}

function readTimestamp(text: string | null): number | null {
  if (text === null || !/^\d{1,12}$/.test(text)) return null;
  return Number(text);
}

function splitBranches(text: string | null): string[] {
  if (text === null) return [];
  return text.split(',').map((branch) => branch.trim()).filter((branch) => branch !== '');
}

// drupal.org has double-encoded titles; core runs html_entity_decode (#3493742).
function decodeEntities(text: string | null): string | null {
  if (text === null) return null;
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => {
    if (body.startsWith('#x') || body.startsWith('#X')) return safeCodePoint(parseInt(body.slice(2), 16)) ?? entity;
    if (body.startsWith('#')) return safeCodePoint(parseInt(body.slice(1), 10)) ?? entity;
    return named[body.toLowerCase()] ?? entity;
  });
}

function safeCodePoint(code: number): string | null {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(message: string): ReleaseHistoryResult {
  return { kind: 'invalid', message };
}
