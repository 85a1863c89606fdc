import { compareVersions } from './versions';

// Pure rules of patch runs: whether an update was a security update, its
// lag, and medians for the reports.

export type KnownRelease = { version: string; isSecurity: boolean };

/**
 * An update is a security update when a security release lies between the
 * version it left (exclusive) and the one it reached (inclusive).
 */
export function isSecurityUpdate(from: string | null, to: string, releases: readonly KnownRelease[]): boolean {
  return releases.some((release) => {
    if (!release.isSecurity) return false;
    const aboveFrom = from === null ? true : (compareVersions(release.version, from) ?? 0) > 0;
    const upToTarget = (compareVersions(release.version, to) ?? 1) <= 0;
    return from === null ? compareVersions(release.version, to) === 0 : aboveFrom && upToTarget;
  });
}

/** Seconds from release to application; never negative (clocks and back-dated runs). */
export function lagSeconds(releasedAt: Date | null, appliedAt: Date): number | null {
  if (releasedAt === null) return null;
  return Math.max(0, Math.round((appliedAt.getTime() - releasedAt.getTime()) / 1000));
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
