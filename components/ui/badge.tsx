import type { ReactNode } from 'react';

export type BadgeTone = 'slate' | 'green' | 'amber' | 'red' | 'blue' | 'brand';

const tones: Record<BadgeTone, string> = {
  slate: 'bg-slate-100 text-slate-700 ring-slate-300',
  green: 'bg-green-50 text-green-800 ring-green-300',
  amber: 'bg-amber-50 text-amber-900 ring-amber-300',
  red: 'bg-red-50 text-red-800 ring-red-300',
  blue: 'bg-sky-50 text-sky-800 ring-sky-300',
  brand: 'bg-brand-50 text-brand-700 ring-brand-100',
};

const marks: Record<BadgeTone, string> = {
  slate: '○',
  green: '✓',
  amber: '!',
  red: '✕',
  blue: '●',
  brand: '●',
};

/**
 * A status label. The text carries the meaning; colour and the leading mark
 * only repeat it, so that nothing depends on seeing colour.
 */
export function Badge({ tone = 'slate', children, mark = true }: { tone?: BadgeTone; children: ReactNode; mark?: boolean }) {
  return (
    <span className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[tone]}`}>
      {mark && <span aria-hidden="true">{marks[tone]}</span>}
      {children}
    </span>
  );
}
