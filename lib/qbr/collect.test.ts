import { describe, expect, it } from 'vitest';
import { runWindow } from './collect';

describe('QBR run windows', () => {
  const now = new Date('2025-08-10T00:00:00Z');
  const keys = (data: Record<string, unknown>) => runWindow(data, now).map((m) => m.key);

  it('defaults to the current month and the two before', () => {
    expect(keys({})).toEqual(['2025-06', '2025-07', '2025-08']);
  });

  it('takes a month, a quarter, or a range', () => {
    expect(keys({ period: '2025-02' })).toEqual(['2025-02']);
    expect(keys({ period: '2025-Q4' })).toEqual(['2025-10', '2025-11', '2025-12']);
    expect(keys({ from: '2024-11', to: '2025-01' })).toEqual(['2024-11', '2024-12', '2025-01']);
    expect(keys({ from: '2025-07' })).toEqual(['2025-07', '2025-08']);
  });

  it('refuses bad periods and ranges', () => {
    expect(() => keys({ period: '2025-13' })).toThrow(/Month 13/);
    expect(() => keys({ period: '2025-Q5' })).toThrow(/Q5/);
    expect(() => keys({ from: '2025-05', to: '2025-01' })).toThrow(/ends before it starts/);
    expect(() => keys({ from: '2010-01' })).toThrow(/at most 120 months/);
  });
});
