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

  it('shows negative amounts and ratios with a minus sign, and never a negative zero', () => {
    expect(formatValue(-1250, 'money')).toBe('-$1,250');
    expect(formatValue(-2350.4, 'money')).toBe('-$2,350');
    expect(formatValue(-12.5, 'money')).toBe('-$12.50');
    expect(formatValue(-0.004, 'money')).toBe('$0.00');
    expect(formatValue(-0.125, 'ratio')).toBe('-12.5%');
    expect(formatValue(-0.00001, 'ratio')).toBe('0%');
    expect(formatChange(-1250, 500, 'money')).toBe('−$1,750');
    expect(formatChange(-100, -1250, 'money')).toBe('+$1,150');
    expect(thresholdText({ direction: 'higher_is_better', green: 0, yellow: -0.05 }, 'ratio')).toBe('Green ≥ 0%, yellow ≥ -5%, red beyond');
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
