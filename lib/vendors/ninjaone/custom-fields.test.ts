import { describe, expect, it } from 'vitest';
import { defaultReadinessFieldNames, parseFlag, parseTpmVersion, readReadiness } from './custom-fields';

describe('parseFlag', () => {
  it('reads checkbox booleans and script-written words', () => {
    expect(parseFlag(true)).toBe(true);
    expect(parseFlag(false)).toBe(false);
    expect(parseFlag('true')).toBe(true);
    expect(parseFlag(' False ')).toBe(false);
    expect(parseFlag('Enabled')).toBe(true);
    expect(parseFlag(1)).toBe(true);
    expect(parseFlag(0)).toBe(false);
  });
  it('leaves anything else unknown', () => {
    expect(parseFlag('maybe')).toBeNull();
    expect(parseFlag(null)).toBeNull();
    expect(parseFlag(undefined)).toBeNull();
    expect(parseFlag(2)).toBeNull();
  });
});

describe('parseTpmVersion', () => {
  it('takes the spec version from Win32_Tpm SpecVersion', () => {
    expect(parseTpmVersion('2.0, 0, 1.38')).toBe('2.0');
    expect(parseTpmVersion('1.2, 2, 3')).toBe('1.2');
    expect(parseTpmVersion('2.0')).toBe('2.0');
    expect(parseTpmVersion(2)).toBe('2.0');
  });
  it('treats zero and text as no TPM', () => {
    expect(parseTpmVersion('0.0')).toBeNull();
    expect(parseTpmVersion('0')).toBeNull();
    expect(parseTpmVersion('No TPM')).toBeNull();
    expect(parseTpmVersion('')).toBeNull();
    expect(parseTpmVersion(undefined)).toBeNull();
  });
});

describe('readReadiness', () => {
  const names = defaultReadinessFieldNames;

  it('maps the readiness fields, matching names without regard to case', () => {
    expect(
      readReadiness({ HasTpm: 'true', tpmenabled: true, tpmversion: '2.0, 0, 1.38', securebootavailable: 'true', securebootenabled: 'false' }, names),
    ).toEqual({ hasTpm: true, tpmEnabled: true, tpmVersion: '2.0', secureBootAvailable: true, secureBootEnabled: false });
  });

  it('infers a missing TPM from a version of 0.0', () => {
    expect(readReadiness({ tpmversion: '0.0' }, names)).toMatchObject({ hasTpm: false, tpmVersion: null });
  });

  it('is all unknown without data', () => {
    expect(readReadiness(null, names)).toEqual({ hasTpm: null, tpmEnabled: null, tpmVersion: null, secureBootAvailable: null, secureBootEnabled: null });
  });

  it('honours custom field names', () => {
    const custom = { ...names, secureBootEnabled: 'sbOn' };
    expect(readReadiness({ sbOn: true, securebootenabled: false }, custom).secureBootEnabled).toBe(true);
  });
});
