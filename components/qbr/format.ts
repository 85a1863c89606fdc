// Display formatting for QBR numbers, shared by the pages and the PDF.
// Values are stored unrounded; rounding happens only here.

export type DisplayUnit = 'ratio' | 'count' | 'hours' | 'money' | string;
export type Colour = 'green' | 'yellow' | 'red' | null;

// Negative values keep their sign ("-$1,250", "-12.5%"); signDisplay
// 'negative' drops it where rounding leaves zero, so a tiny credit is "$0.00", not "-$0.00".
const number = (digits: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0, signDisplay: 'negative' });
const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0, signDisplay: 'negative' });
const smallMoney = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 2, signDisplay: 'negative' });

export function formatValue(value: number | null | undefined, unit: DisplayUnit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'n/a';
  switch (unit) {
    case 'ratio':
      return `${number(1).format(value * 100)}%`;
    case 'money':
      return Math.abs(value) < 100 ? smallMoney.format(value) : money.format(value);
    case 'hours':
      return `${number(2).format(value)} h`;
    default:
      return number(2).format(value);
  }
}

/** The change from `before` to `now`, in the unit's terms ("+2.5 pts", "−$1,200"), or null. */
export function formatChange(now: number | null, before: number | null, unit: DisplayUnit): string | null {
  if (now === null || before === null) return null;
  const d = now - before;
  const sign = d > 0 ? '+' : d < 0 ? '−' : '±';
  const abs = Math.abs(d);
  if (unit === 'ratio') return `${sign}${number(1).format(abs * 100)} pts`;
  return `${sign}${formatValue(abs, unit)}`;
}

export const colourLabel = (c: Colour): string => (c === 'green' ? 'On target' : c === 'yellow' ? 'Watch' : c === 'red' ? 'Off target' : 'No threshold');

export function thresholdText(t: { direction: string; green: number; yellow: number } | null, unit: DisplayUnit): string {
  if (!t) return 'No threshold set';
  const op = t.direction === 'higher_is_better' ? '≥' : '≤';
  return `Green ${op} ${formatValue(t.green, unit)}, yellow ${op} ${formatValue(t.yellow, unit)}, red beyond`;
}

export const sourceLabel = (s: string | null): string =>
  s === 'collected' ? 'Collected (ConnectWise / NinjaOne)' : s === 'quickbooks' ? 'QuickBooks' : s === 'calculated' ? 'Calculated' : s === 'manual' ? 'Entered by hand' : '—';
