import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  convertComposerVersion,
  getSupportBranchMajor,
  isDevVersion,
  isInSupportedBranch,
  normalizeVersion,
  parseVersion,
  toLegacyVersion,
} from './versions';

describe('parseVersion', () => {
  it.each([
    // [input, isLegacy, major, minor, patch, extra, stability, branch]
    ['8.x-3.6', true, 3, null, 6, null, 'stable', '8.x-3.'],
    ['3.6.0', false, 3, 6, 0, null, 'stable', '3.6.'],
    ['3.5.1', false, 3, 5, 1, null, 'stable', '3.5.'],
    ['10.3.10', false, 10, 3, 10, null, 'stable', '10.3.'],
    ['6.2.0-beta5', false, 6, 2, 0, 'beta5', 'beta', '6.2.'],
    ['4.3.0-rc1', false, 4, 3, 0, 'rc1', 'rc', '4.3.'],
    ['8.x-1.0-alpha1', true, 1, null, 0, 'alpha1', 'alpha', '8.x-1.'],
    ['8.x-2.x-dev', true, 2, null, null, 'dev', 'dev', '8.x-2.'],
    ['5.1.x-dev', false, 5, 1, null, 'dev', 'dev', '5.1.'],
    ['8.1.0-dev', false, 8, 1, 0, 'dev', 'dev', '8.1.'],
    ['1.x-dev', false, 1, null, null, 'dev', 'dev', '1.'],
    ['8.x-dev', false, 8, null, null, 'dev', 'dev', '8.'],
    ['7.54', false, 7, null, 54, null, 'stable', '7.'],
  ] as const)('reads %s', (input, isLegacy, major, minor, patch, extra, stability, branch) => {
    expect(parseVersion(input)).toMatchObject({ text: input, isLegacy, major, minor, patch, extra, stability, branch });
  });

  it('reads the number of a pre-release', () => {
    expect(parseVersion('6.2.0-beta5')?.stabilityNumber).toBe(5);
    expect(parseVersion('8.x-2.0')?.stabilityNumber).toBeNull();
  });

  it.each([
    'abc',
    '',
    '   ',
    'llama',
    '7.x-1.0', // a Drupal 7 core prefix: core rejects every prefix but 8.x-
    '6.x-2.1',
    '8.x-1.2.3', // legacy with three parts: never published by drupal.org
    '1',
    '1.2.3.4',
    '1.x', // an x branch without -dev
    '1.x-alpha1',
    '1.0-',
    '1.0-beta1-foo',
    '1.0-beta 1',
    '-1.0',
    '1.a.0',
    'v1.2.3', // composer notation: normalizeVersion strips the v, parseVersion does not
    'x'.repeat(80),
  ])('returns null for %j', (input) => {
    expect(parseVersion(input)).toBeNull();
  });

  it('returns null for non-strings instead of throwing', () => {
    expect(parseVersion(null)).toBeNull();
    expect(parseVersion(undefined)).toBeNull();
    expect(parseVersion(42 as unknown as string)).toBeNull();
  });
});

describe('normalizeVersion', () => {
  it('trims, lowercases and strips a composer v prefix', () => {
    expect(normalizeVersion('  8.x-3.6 ')).toBe('8.x-3.6');
    expect(normalizeVersion('8.x-1.0-RC1')).toBe('8.x-1.0-rc1');
    expect(normalizeVersion('v1.2.3')).toBe('1.2.3');
  });

  it('returns null for invalid or missing versions', () => {
    expect(normalizeVersion('abc')).toBeNull();
    expect(normalizeVersion(null)).toBeNull();
    expect(normalizeVersion('')).toBeNull();
  });
});

describe('compareVersions', () => {
  it.each([
    ['3.5.1', '3.5.0', 1],
    ['10.3.10', '10.3.9', 1],
    ['10.10.0', '10.9.9', 1],
    ['8.x-3.6', '3.6.0', 0],
    ['8.x-3.6', '8.x-3.10', -1],
    ['8.x-8.1', '9.0.0', -1],
    ['1.0.0-beta5', '1.0.0', -1],
    ['1.0.0-alpha2', '1.0.0-beta1', -1],
    ['1.0.0-beta2', '1.0.0-beta10', -1],
    ['1.0.0-rc1', '1.0.0-beta9', 1],
    ['8.1.0-dev', '8.1.0-alpha1', -1],
    ['5.1.x-dev', '5.1.3', 1],
    ['5.1.x-dev', '5.2.0', -1],
    ['8.x-2.x-dev', '8.x-2.9', 1],
    ['8.x-2.x-dev', '8.x-2.x-dev', 0],
  ])('%s vs %s → %i', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
    expect(compareVersions(b, a)).toBe(expected === 0 ? 0 : -expected);
  });

  it('returns null when either side is invalid', () => {
    expect(compareVersions('abc', '1.0.0')).toBeNull();
    expect(compareVersions('1.0.0', '7.x-1.0')).toBeNull();
  });
});

describe('branches', () => {
  it('derives the major from a supported branch as core does', () => {
    expect(getSupportBranchMajor('8.x-2.')).toBe(2);
    expect(getSupportBranchMajor('10.4.')).toBe(10);
    expect(getSupportBranchMajor('9.')).toBe(9);
    expect(getSupportBranchMajor('10.4')).toBeNull();
    expect(getSupportBranchMajor('7.x-1.')).toBeNull();
  });

  it('matches supported branches by string prefix', () => {
    const legacy = ['8.x-1.', '8.x-2.'];
    expect(isInSupportedBranch('8.x-2.2', legacy)).toBe(true);
    expect(isInSupportedBranch('8.x-3.0-beta2', legacy)).toBe(false);
    // A semver 8.0.0 release is not in the legacy 8.x-8. line, and vice versa.
    expect(isInSupportedBranch('8.0.0', ['8.x-8.', '9.0.'])).toBe(false);
    expect(isInSupportedBranch('8.x-7.1', ['8.0.', '8.1.'])).toBe(false);
    expect(isInSupportedBranch('10.4.3', ['10.4.', '10.5.'])).toBe(true);
    expect(isInSupportedBranch('10.40.0', ['10.4.'])).toBe(false);
    expect(isInSupportedBranch('1.0.0', [''])).toBe(false);
  });

  it('detects dev installs like update_process_project_info', () => {
    expect(isDevVersion('8.x-2.x-dev')).toBe(true);
    expect(isDevVersion('5.1.x-dev')).toBe(true);
    expect(isDevVersion('HEAD')).toBe(true);
    expect(isDevVersion('8.x-2.2')).toBe(false);
  });
});

describe('composer notation', () => {
  it('names a composer A.B.0 release the drupal.org legacy way', () => {
    expect(toLegacyVersion('3.6.0')).toBe('8.x-3.6');
    expect(toLegacyVersion('1.0.0-beta5')).toBe('8.x-1.0-beta5');
    expect(toLegacyVersion('3.5.1')).toBeNull();
    expect(toLegacyVersion('8.x-3.6')).toBeNull();
  });

  it('prefers the drupal.org version packages.drupal.org records', () => {
    expect(convertComposerVersion('3.6.0', '8.x-3.6')).toBe('8.x-3.6');
    expect(convertComposerVersion('3.5.1', '3.5.1')).toBe('3.5.1');
    expect(convertComposerVersion('1.0.0-beta5', null)).toBe('1.0.0-beta5');
    expect(convertComposerVersion('v2.3.0')).toBe('2.3.0');
    expect(convertComposerVersion('10.3.10')).toBe('10.3.10');
  });

  it('maps dev branches and keeps the 8.x- prefix a legacy project uses', () => {
    expect(convertComposerVersion('dev-2.x', '8.x-2.4+12-dev')).toBe('8.x-2.x-dev');
    expect(convertComposerVersion('dev-2.x', '8.x-2.x-dev')).toBe('8.x-2.x-dev');
    expect(convertComposerVersion('5.1.x-dev')).toBe('5.1.x-dev');
    expect(convertComposerVersion('dev-3.0.x')).toBe('3.0.x-dev');
    expect(convertComposerVersion('dev-main')).toBeNull();
    expect(convertComposerVersion(undefined)).toBeNull();
  });
});
