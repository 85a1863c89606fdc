// Turns what a site sends us into one list of drupal.org projects.
//
// Three inputs are accepted and told apart by shape:
// - `drush pm:list --format=json`, unchanged: an object keyed by extension
//   machine name ({ package, project, display_name, name, type, path, status, version }).
// - `composer.lock`: `drupal/*` packages; `drupal/core` (or core-recommended) is core.
// - Our canonical JSON, for sites that can send neither:
//
//     {
//       "modules": [
//         { "name": "drupal", "version": "10.3.10", "type": "core" },
//         { "name": "token", "version": "8.x-1.15" },
//         { "name": "admin_toolbar_tools", "project": "admin_toolbar", "version": "3.5.1", "enabled": false },
//         { "name": "gin", "version": "4.0.2", "type": "theme" },
//         { "name": "acme_core", "version": null, "type": "custom" }
//       ]
//     }
//
//   name     machine name ([a-z0-9_], up to 128 characters) of the project or extension.
//   version  drupal.org notation (`8.x-3.6`, `3.5.1`, `1.0.0-beta5`, `2.1.x-dev`) or null when
//            unknown; composer notation (`3.6.0`, `dev-2.x`) is accepted too.
//   type     optional: "module" (default), "theme", "core" or "custom". "core", or the name
//            "drupal", means Drupal core; a core extension's name is kept as an extension.
//   project  optional: the drupal.org project when `name` is a submodule.
//   enabled  optional, default true.
//
// Submodules collapse into their project, core extensions into `drupal`, and
// custom code (no project, or under modules/custom, themes/custom) is kept but
// never checked. Problems come back as values; nothing here throws.

import { z } from 'zod';
import type { ReportEntry } from '@/db/types-domain/drupal';
import { convertComposerVersion, normalizeVersion } from './versions';

export const MAX_REPORT_ENTRIES = 10_000;
export const MAX_REPORT_CHARACTERS = 20 * 1024 * 1024;
export const CORE_PROJECT = 'drupal';

// The entry is row-shaped: the database layer applies it as it is.
export type { ReportEntry } from '@/db/types-domain/drupal';

export type ReportFormat = 'drush-pm-list' | 'composer-lock' | 'canonical';

export type ReportErrorCode = 'invalid_json' | 'too_large' | 'unknown_format' | 'invalid_report' | 'too_many_entries';

export interface ReportError {
  code: ReportErrorCode;
  message: string;
  issues: string[];
}

export type ReportParseResult =
  | { ok: true; format: ReportFormat; entries: ReportEntry[]; warnings: string[] }
  | { ok: false; error: ReportError };

export interface ReportOptions {
  /** Also read composer.lock `packages-dev` (off: production sites install without dev). */
  includeDevPackages?: boolean;
}

const machineName = z.string().regex(/^[a-z0-9_]{1,128}$/, 'must be a machine name ([a-z0-9_], up to 128 characters)');
const versionText = z.string().max(128).nullable();

export const canonicalReportSchema = z.object({
  modules: z.array(
    z.object({
      name: machineName,
      version: versionText,
      type: z.enum(['module', 'theme', 'core', 'custom']).optional(),
      project: machineName.optional(),
      enabled: z.boolean().optional(),
    }),
  ),
});

const drushExtensionSchema = z.object({
  name: z.string().optional(),
  type: z.string(),
  status: z.string(),
  version: versionText.optional(),
  project: z.string().nullable().optional(),
  path: z.string().optional(),
});

const drushReportSchema = z.record(machineName, drushExtensionSchema);

const composerPackageSchema = z.object({
  name: z.string().min(1),
  version: z.string().min(1),
  type: z.string().optional(),
  extra: z.unknown().optional(),
});

const composerLockSchema = z.object({
  packages: z.array(composerPackageSchema),
  'packages-dev': z.array(composerPackageSchema).optional(),
});

/** Detects the format of a report (a JSON string or parsed JSON) and parses it. */
export function parseModuleReport(input: unknown, options: ReportOptions = {}): ReportParseResult {
  let data = input;
  if (typeof input === 'string') {
    if (input.length > MAX_REPORT_CHARACTERS) {
      return failure('too_large', `The report is larger than ${MAX_REPORT_CHARACTERS} characters`);
    }
    try {
      data = JSON.parse(input);
    } catch (error) {
      return failure('invalid_json', `The report is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  switch (detectReportFormat(data)) {
    case 'canonical':
      return parseCanonicalReport(data);
    case 'composer-lock':
      return parseComposerLock(data, options);
    case 'drush-pm-list':
      return parseDrushPmList(data);
    default:
      return failure(
        'unknown_format',
        'Unrecognised report: expected `drush pm:list --format=json` output, a composer.lock, or { "modules": [...] }',
      );
  }
}

/** Which of the three formats the parsed JSON looks like, or null. */
export function detectReportFormat(data: unknown): ReportFormat | null {
  if (!isRecord(data)) return null;
  if ('modules' in data) return 'canonical';
  if ('packages' in data) return 'composer-lock';
  const values = Object.values(data);
  const looksLikeDrush = values.length > 0 && values.every((value) => isRecord(value) && 'type' in value && 'status' in value);
  return looksLikeDrush ? 'drush-pm-list' : null;
}

/** Parses `drush pm:list --format=json` output exactly as Drush prints it. */
export function parseDrushPmList(data: unknown): ReportParseResult {
  if (isRecord(data) && Object.keys(data).length > MAX_REPORT_ENTRIES) return tooMany(Object.keys(data).length);
  const parsed = drushReportSchema.safeParse(data);
  if (!parsed.success) return invalidReport('drush pm:list output', parsed.error);

  const warnings: string[] = [];
  const records = Object.entries(parsed.data)
    .sort(([a], [b]) => compareText(a, b))
    .map(([name, extension]): ExtensionRecord => {
      const owner = classifyDrushExtension(name, extension);
      return {
        ...owner,
        extension: name,
        isTheme: extension.type === 'theme',
        version: readVersion(extension.version ?? null, `${name}`, warnings),
        enabled: /^enabled$/i.test(extension.status.trim()),
      };
    });
  if (!records.some((record) => record.kind === 'core')) {
    warnings.push('No Drupal core extensions in the report (was it run with --no-core?)');
  }
  return { ok: true, format: 'drush-pm-list', ...collapseProjects(records, warnings) };
}

/** Parses a composer.lock: drupal.org packages, core, and custom drupal-* packages. */
export function parseComposerLock(data: unknown, options: ReportOptions = {}): ReportParseResult {
  if (isRecord(data)) {
    const count = countArray(data.packages) + countArray(data['packages-dev']);
    if (count > MAX_REPORT_ENTRIES) return tooMany(count);
  }
  const parsed = composerLockSchema.safeParse(data);
  if (!parsed.success) return invalidReport('composer.lock', parsed.error);

  const warnings: string[] = [];
  const packages = [...parsed.data.packages, ...(options.includeDevPackages ? (parsed.data['packages-dev'] ?? []) : [])];
  const seen = new Set<string>();
  const candidates: (ExtensionRecord & { priority: number })[] = [];
  for (const composerPackage of packages) {
    const name = composerPackage.name.toLowerCase();
    if (seen.has(name)) {
      warnings.push(`${name}: listed more than once; kept the first`);
      continue;
    }
    seen.add(name);
    const owner = classifyComposerPackage(name, composerPackage.type ?? 'library', warnings);
    if (owner === null) continue;
    const version = convertComposerVersion(composerPackage.version, readDrupalOrgVersion(composerPackage.extra));
    if (version === null) warnings.push(`${name}: version "${composerPackage.version}" has no drupal.org equivalent`);
    candidates.push({ ...owner, extension: null, version, enabled: true });
  }
  // drupal/core states core's version; core-recommended only pins it.
  const records = candidates.sort((a, b) => b.priority - a.priority);
  if (!records.some((record) => record.kind === 'core')) warnings.push('No drupal/core package in composer.lock');
  return { ok: true, format: 'composer-lock', ...collapseProjects(records, warnings) };
}

/** Parses our canonical `{ "modules": [...] }` report (see the top of this file). */
export function parseCanonicalReport(data: unknown): ReportParseResult {
  if (isRecord(data) && Array.isArray(data.modules) && data.modules.length > MAX_REPORT_ENTRIES) {
    return tooMany(data.modules.length);
  }
  const parsed = canonicalReportSchema.safeParse(data);
  if (!parsed.success) return invalidReport('module report', parsed.error);

  const warnings: string[] = [];
  const records = parsed.data.modules.map((module): ExtensionRecord => {
    const isCore = module.type === 'core' || module.name === CORE_PROJECT || module.project === CORE_PROJECT;
    const kind: OwnerKind = isCore ? 'core' : module.type === 'custom' ? 'custom' : 'contrib';
    const project = isCore ? CORE_PROJECT : (module.project ?? module.name);
    return {
      project,
      kind,
      extension: module.name === CORE_PROJECT ? null : module.name,
      isTheme: module.type === 'theme',
      version: readVersion(module.version, module.name, warnings),
      enabled: module.enabled ?? true,
    };
  });
  return { ok: true, format: 'canonical', ...collapseProjects(records, warnings) };
}

type OwnerKind = 'core' | 'contrib' | 'custom';

interface ExtensionRecord {
  project: string;
  kind: OwnerKind;
  /** Extension machine name; null when the source names only the project. */
  extension: string | null;
  isTheme: boolean;
  version: string | null;
  enabled: boolean;
}

function classifyDrushExtension(
  name: string,
  extension: z.infer<typeof drushExtensionSchema>,
): { project: string; kind: OwnerKind } {
  const path = extension.path ?? '';
  const project = extension.project?.trim() ?? '';
  if (/(^|\/)(modules|themes|profiles)\/custom(\/|$)/.test(path)) return { project: name, kind: 'custom' };
  if (project === CORE_PROJECT) return { project: CORE_PROJECT, kind: 'core' };
  if (project !== '') return { project, kind: 'contrib' };
  // Core's ProjectInfo: anything under core/ belongs to the project "drupal".
  if (path === 'core' || path.startsWith('core/')) return { project: CORE_PROJECT, kind: 'core' };
  // Drush before 10.4 printed no `project`; the contrib folder names it.
  if (extension.project === undefined) {
    const fromPath = /(?:^|\/)(?:modules|themes|profiles)\/contrib\/([a-z0-9_]+)(?:\/|$)/.exec(path)?.[1];
    if (fromPath !== undefined) return { project: fromPath, kind: 'contrib' };
  }
  // Core skips extensions without a project: custom code or a bare git checkout.
  return { project: name, kind: 'custom' };
}

const CORE_PACKAGE_PRIORITY: Readonly<Record<string, number>> = {
  'drupal/core': 3,
  'drupal/core-recommended': 2,
  'drupal/drupal': 1,
};
const DRUPAL_ORG_TYPES = new Set(['drupal-module', 'drupal-theme', 'drupal-profile']);

function classifyComposerPackage(
  name: string,
  type: string,
  warnings: string[],
): { project: string; kind: OwnerKind; isTheme: boolean; priority: number } | null {
  const corePriority = CORE_PACKAGE_PRIORITY[name];
  if (corePriority !== undefined) return { project: CORE_PROJECT, kind: 'core', isTheme: false, priority: corePriority };

  const [vendor, shortName = ''] = name.split('/');
  const isTheme = type.endsWith('-theme');
  const isCustomType = type.startsWith('drupal-custom-');
  if (vendor === 'drupal' && shortName.startsWith('core-')) return null; // scaffold, dev tools…
  if (!isCustomType && !DRUPAL_ORG_TYPES.has(type)) return null; // PHP libraries, metapackages
  if (!/^[a-z0-9_]{1,128}$/.test(shortName)) {
    warnings.push(`${name}: not a Drupal machine name; skipped`);
    return null;
  }
  // drupal-* packages from other vendors are not on drupal.org.
  const kind: OwnerKind = vendor === 'drupal' && !isCustomType ? 'contrib' : 'custom';
  return { project: shortName, kind, isTheme, priority: 0 };
}

function readDrupalOrgVersion(extra: unknown): string | null {
  if (!isRecord(extra) || !isRecord(extra.drupal)) return null;
  return typeof extra.drupal.version === 'string' ? extra.drupal.version : null;
}

function readVersion(raw: string | null, name: string, warnings: string[]): string | null {
  if (raw === null) return null;
  const version = normalizeVersion(raw) ?? convertComposerVersion(raw);
  if (version === null) warnings.push(`${name}: unreadable version "${raw}"; treated as unknown`);
  return version;
}

// One entry per project. The main extension's version wins (core: `system`),
// then the first version in input order; input order is deterministic.
function collapseProjects(records: ExtensionRecord[], warnings: string[]): { entries: ReportEntry[]; warnings: string[] } {
  const groups = new Map<string, ExtensionRecord[]>();
  for (const record of records) {
    const group = groups.get(record.project);
    if (group === undefined) {
      groups.set(record.project, [record]);
      continue;
    }
    const groupIsCustom = group[0]?.kind === 'custom';
    if (groupIsCustom === (record.kind === 'custom')) {
      group.push(record);
      continue;
    }
    // Custom code named like a drupal.org project must not borrow its status.
    warnings.push(`${record.project}: custom code and a drupal.org project share this name; kept the drupal.org project`);
    if (groupIsCustom) groups.set(record.project, [record]);
  }

  const entries = [...groups.entries()].map(([project, group]) => toEntry(project, group, warnings));
  entries.sort((a, b) => compareText(a.project, b.project));
  return { entries, warnings };
}

function toEntry(project: string, group: ExtensionRecord[], warnings: string[]): ReportEntry {
  const kind = group[0]?.kind ?? 'contrib';
  const mainExtension = kind === 'core' ? 'system' : project;
  const versioned = group.filter((record) => record.version !== null);
  const chosen = versioned.find((record) => record.extension === mainExtension || record.extension === null) ?? versioned[0];
  const versions = [...new Set(versioned.map((record) => record.version))];
  if (versions.length > 1) {
    warnings.push(`${project}: extensions report different versions (${versions.join(', ')}); using ${chosen?.version}`);
  }
  const extensions = [...new Set(group.flatMap((record) => (record.extension === null ? [] : [record.extension])))];
  return {
    project,
    version: chosen?.version ?? null,
    type: kind === 'core' ? 'core' : kind === 'custom' ? 'custom' : group.every((record) => record.isTheme) ? 'theme' : 'module',
    extensions: extensions.sort(compareText),
    enabled: group.some((record) => record.enabled),
  };
}

function invalidReport(what: string, error: z.ZodError): ReportParseResult {
  const issues = error.issues.slice(0, 20).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  return { ok: false, error: { code: 'invalid_report', message: `The ${what} does not have the expected shape`, issues } };
}

function tooMany(count: number): ReportParseResult {
  return failure('too_many_entries', `The report lists ${count} entries; the limit is ${MAX_REPORT_ENTRIES}`);
}

function failure(code: ReportErrorCode, message: string): ReportParseResult {
  return { ok: false, error: { code, message, issues: [] } };
}

function countArray(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}

// Code-point order, so the result does not depend on the server's locale.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
