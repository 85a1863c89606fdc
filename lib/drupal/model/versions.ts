// Drupal version strings, parsed the way core's ExtensionVersion does.
//
// Three notations reach us: info.yml/Drush `8.x-3.6` (legacy contrib), semver
// `3.5.1` / `10.3.10`, and composer's `3.6.0` for the legacy `8.x-3.6`. All may
// carry `-alpha1`, `-beta5`, `-rc1` or `-dev`. Nothing here throws: a string we
// cannot read is `null`, and core reports such a version as "Invalid version".

export type Stability = 'dev' | 'unstable' | 'alpha' | 'beta' | 'rc' | 'stable';

export interface DrupalVersion {
  /** The version as given, trimmed. Core compares versions as exact strings. */
  text: string;
  /** True for `8.x-A.B` contrib versions. */
  isLegacy: boolean;
  major: number;
  /** Semver minor (`10.3.10` → 3); null for legacy `8.x-A.B` and `A.x-dev`. */
  minor: number | null;
  /** Last numeric part (`8.x-3.6` → 6, `3.5.1` → 1); null for `x` dev branches. */
  patch: number | null;
  /** Text after the `-`: `alpha1`, `beta5`, `rc1`, `dev`; null for full releases. */
  extra: string | null;
  stability: Stability;
  /** The number in the extra (`beta5` → 5), or null. */
  stabilityNumber: number | null;
  /** The release line as supported_branches names it: `8.x-3.`, `10.3.`, `5.1.`. */
  branch: string;
}

const DIGITS = /^\d+$/;
const EXTRA = /^([a-z]+)(\d*)$/;
const LEGACY_PREFIX = '8.x-';
const MAX_VERSION_LENGTH = 64;

/** Parses a Drupal version; `null` for anything core would call invalid. */
export function parseVersion(input: string | null | undefined): DrupalVersion | null {
  if (typeof input !== 'string') return null;
  const text = input.trim();
  if (text === '' || text.length > MAX_VERSION_LENGTH) return null;

  let rest = text;
  let isLegacy = false;
  if (text.startsWith(LEGACY_PREFIX) && text !== '8.x-dev') {
    rest = text.slice(LEGACY_PREFIX.length);
    isLegacy = true;
  } else {
    // Only the 8.x- core prefix survives in modern feeds; `7.x-1.0` is a
    // Drupal 7 version and core rejects it (but `N.x-dev` is a dev branch).
    const prefixAt = text.indexOf('.x-');
    if ((prefixAt === 1 || prefixAt === 2) && text.slice(prefixAt + 3) !== 'dev') return null;
  }

  const parts = rest.split('.');
  // Core accepts `8.x-1.2.3`; drupal.org never publishes it, so we do not.
  if (parts.length < 2 || parts.length > 3 || (isLegacy && parts.length === 3)) return null;
  const [majorText, middleText] = parts;
  const lastText = parts[parts.length - 1] ?? '';
  const dash = lastText.indexOf('-');
  const lastNumber = dash === -1 ? lastText : lastText.slice(0, dash);
  const extraText = dash === -1 ? null : lastText.slice(dash + 1).toLowerCase();

  if (majorText === undefined || !DIGITS.test(majorText)) return null;
  if (parts.length === 3 && (middleText === undefined || !DIGITS.test(middleText))) return null;
  const extraMatch = extraText === null ? null : EXTRA.exec(extraText);
  if (extraText !== null && extraMatch === null) return null;
  const isDevBranch = lastNumber === 'x' && extraText === 'dev';
  if (!DIGITS.test(lastNumber) && !isDevBranch) return null;

  const major = toSafeInteger(majorText);
  const minor = parts.length === 3 && middleText !== undefined ? toSafeInteger(middleText) : null;
  const patch = isDevBranch ? null : toSafeInteger(lastNumber);
  if (major === null || (parts.length === 3 && minor === null) || (!isDevBranch && patch === null)) return null;

  return {
    text,
    isLegacy,
    major,
    minor,
    patch,
    extra: extraText,
    stability: readStability(extraMatch?.[1] ?? null),
    stabilityNumber: extraMatch?.[2] ? Number(extraMatch[2]) : null,
    branch: isLegacy ? `${LEGACY_PREFIX}${major}.` : minor !== null ? `${major}.${minor}.` : `${major}.`,
  };
}

/**
 * Cleans a reported version (whitespace, case, a composer `v` prefix) and
 * returns it if it is a valid Drupal version, otherwise null.
 */
export function normalizeVersion(input: string | null | undefined): string | null {
  if (typeof input !== 'string') return null;
  const cleaned = input.trim().toLowerCase().replace(/^v(?=\d)/, '');
  return parseVersion(cleaned)?.text ?? null;
}

/**
 * Orders two versions like Composer does: `8.x-3.6` equals `3.6.0`, pre-releases
 * sort below their release (dev < alpha < beta < rc), and a dev branch such as
 * `5.1.x-dev` sorts above every `5.1.*` release. Null if either is invalid.
 */
export function compareVersions(a: string, b: string): number | null {
  const left = parseVersion(a);
  const right = parseVersion(b);
  if (left === null || right === null) return null;
  const leftKey = toSortKey(left);
  const rightKey = toSortKey(right);
  for (let i = 0; i < leftKey.length; i += 1) {
    const l = leftKey[i] ?? 0;
    const r = rightKey[i] ?? 0;
    if (l !== r) return l < r ? -1 : 1;
  }
  return 0;
}

/** Core's install type test (update_process_project_info): dev snapshot or git. */
export function isDevVersion(version: string): boolean {
  return /(dev|HEAD)/.test(version);
}

/** True when some supported branch is a string prefix of the version, as in core. */
export function isInSupportedBranch(version: string, supportedBranches: readonly string[]): boolean {
  return supportedBranches.some((branch) => branch !== '' && version.startsWith(branch));
}

/** The major of a supported branch (`8.x-2.` → 2, `10.4.` → 10); null if malformed. */
export function getSupportBranchMajor(branch: string): number | null {
  if (!branch.endsWith('.')) return null;
  return parseVersion(`${branch}0`)?.major ?? null;
}

/** `3.6.0` → `8.x-3.6`: how drupal.org names a legacy release composer calls 3.6.0. */
export function toLegacyVersion(version: string): string | null {
  const parsed = parseVersion(version);
  if (parsed === null || parsed.isLegacy || parsed.minor === null || parsed.patch !== 0) return null;
  const extra = parsed.extra === null ? '' : `-${parsed.extra}`;
  return `${LEGACY_PREFIX}${parsed.major}.${parsed.minor}${extra}`;
}

/**
 * Maps a composer.lock version to drupal.org's notation. packages.drupal.org
 * writes the drupal.org version into `extra.drupal.version` (`8.x-3.6` for
 * composer `3.6.0`); we trust it for tagged releases. For dev checkouts that
 * field describes the branch head, so only its branch is usable.
 */
export function convertComposerVersion(
  composerVersion: string | null | undefined,
  drupalOrgVersion?: string | null,
): string | null {
  if (typeof composerVersion !== 'string') return null;
  const raw = composerVersion.trim();
  const hint = normalizeVersion(drupalOrgVersion);
  const isComposerDev = raw.startsWith('dev-') || raw.endsWith('-dev');

  if (!isComposerDev) return hint ?? normalizeVersion(raw);

  if (hint !== null && parseVersion(hint)?.extra === 'dev') return hint;
  // `dev-2.x` is the branch 2.x; `dev-main` has no drupal.org equivalent.
  const branchName = raw.startsWith('dev-') ? `${raw.slice(4)}-dev` : raw;
  // A head such as `8.x-2.4+12-dev` still tells us the project uses 8.x- names.
  const isLegacyProject = typeof drupalOrgVersion === 'string' && drupalOrgVersion.trim().startsWith(LEGACY_PREFIX);
  return normalizeVersion(isLegacyProject && !branchName.startsWith(LEGACY_PREFIX) ? `${LEGACY_PREFIX}${branchName}` : branchName);
}

function readStability(word: string | null): Stability {
  if (word === null) return 'stable';
  if (word === 'dev') return 'dev';
  if (word === 'alpha' || word === 'beta' || word === 'rc') return word;
  return 'unstable';
}

const STABILITY_RANK: Record<Stability, number> = { dev: 0, unstable: 1, alpha: 2, beta: 3, rc: 4, stable: 5 };

function toSortKey(version: DrupalVersion): number[] {
  // Legacy 8.x-A.B and two-part A.B are composer's A.B.0; a dev branch's `x`
  // sorts above every number, as composer's 9999999 does.
  const [minor, patch] =
    version.minor === null
      ? [version.patch ?? Infinity, version.patch === null ? Infinity : 0]
      : [version.minor, version.patch ?? Infinity];
  return [version.major, minor, patch, STABILITY_RANK[version.stability], version.stabilityNumber ?? 0];
}

function toSafeInteger(text: string): number | null {
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : null;
}
