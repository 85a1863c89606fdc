import { describe, expect, it } from 'vitest';
import { colourLabel, formatChange, formatValue, thresholdText } from './format';

describe('QBR display formatting', () => {
  it('formats by unit and shows n/a for missing values', () => {
    expect(formatValue(0.925, 'ratio')).toBe('92.5%');
    expect(formatValue(12345.6, 'money')).toBe('$12,346');
    expect(formatValue(12.5, 'money')).toBe('$12.50');
    expect(formatValue(1.234, 'hours')).toBe('1.23 h');
    expect(formatValue(7, 'count')).toBe('7');
    expect(formatValue(null, 'ratio')).toBe('n/a');
    expect(formatValue(Number.POSITIVE_INFINITY, 'count')).toBe('n/a');
  });

  it('describes changes with a sign, in points for ratios', () => {
    expect(formatChange(0.95, 0.9, 'ratio')).toBe('+5 pts');
    expect(formatChange(100, 250, 'money')).toBe('−$150');
    expect(formatChange(3, 3, 'count')).toBe('±0');
    expect(formatChange(null, 3, 'count')).toBeNull();
  });

  it('puts the threshold verdict and bounds into words', () => {
    expect(colourLabel('green')).toBe('On target');
    expect(colourLabel('red')).toBe('Off target');
    expect(colourLabel(null)).toBe('No threshold');
    expect(thresholdText({ direction: 'lower_is_better', green: 0.25, yellow: 0.5 }, 'hours')).toBe('Green ≤ 0.25 h, yellow ≤ 0.5 h, red beyond');
    expect(thresholdText(null, 'count')).toBe('No threshold set');
  });
});
