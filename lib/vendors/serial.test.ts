import { describe, expect, it } from 'vitest';
import { isPlaceholderSerial, normaliseSerialNumber } from './serial';

describe('normaliseSerialNumber', () => {
  it('keeps real serials, trimmed', () => {
    expect(normaliseSerialNumber(' PF1ABCDE ')).toBe('PF1ABCDE');
    expect(normaliseSerialNumber('7149-6004-6720-8372-7705-4830-48')).toBe('7149-6004-6720-8372-7705-4830-48');
    expect(normaliseSerialNumber('VMware-56 4d 1a 2b')).toBe('VMware-56 4d 1a 2b');
  });

  it.each(['To Be Filled By O.E.M.', 'Default string', 'System Serial Number', '0', '', '   ', '00000000', 'XXXXXXXX', 'N/A', '---'])(
    'drops the placeholder %j',
    (value) => {
      expect(isPlaceholderSerial(value)).toBe(true);
      expect(normaliseSerialNumber(value)).toBeNull();
    },
  );

  it('treats null and undefined as no serial', () => {
    expect(normaliseSerialNumber(null)).toBeNull();
    expect(normaliseSerialNumber(undefined)).toBeNull();
  });
});
