import type { ScoreCard } from '@/lib/qbr/dto';
import { colourLabel, formatChange, formatValue, thresholdText } from './format';

const frame = { green: 'border-l-green-600', yellow: 'border-l-amber-500', red: 'border-l-red-600', none: 'border-l-slate-300' } as const;
const chip = { green: 'bg-green-50 text-green-800', yellow: 'bg-amber-50 text-amber-900', red: 'bg-red-50 text-red-800', none: 'bg-slate-100 text-slate-700' } as const;
const mark = { green: '✓', yellow: '!', red: '✕', none: '○' } as const;

/** One SmartNumber: value, threshold verdict in words (colour only repeats it), and the two comparisons. */
export function SmartNumberCard({ card }: { card: ScoreCard }) {
  const tone = card.colour ?? 'none';
  const prev = formatChange(card.value, card.previous.value, card.unit);
  const year = formatChange(card.value, card.last_year.value, card.unit);
  return (
    <article className={`break-inside-avoid rounded-lg border border-l-4 border-slate-200 bg-white p-4 ${frame[tone]}`} data-testid={`sn-${card.key}`}>
      <div className="flex items-start justify-between gap-2">
        <h3 className="text-sm font-medium text-slate-700">
          <span className="text-slate-400">{card.number}.</span> {card.label}
        </h3>
        <span className={`inline-flex shrink-0 items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ${chip[tone]}`}>
          <span aria-hidden="true">{mark[tone]}</span>
          {colourLabel(card.colour)}
        </span>
      </div>
      <p className="mt-2 text-2xl font-semibold text-slate-900" data-testid="sn-value">
        {formatValue(card.value, card.unit)}
      </p>
      <dl className="mt-2 grid grid-cols-2 gap-x-2 text-xs text-slate-600">
        <dt>vs {card.previous.period}</dt>
        <dd className="text-right">{prev ?? 'n/a'}</dd>
        <dt>vs {card.last_year.period}</dt>
        <dd className="text-right">{year ?? 'n/a'}</dd>
      </dl>
      <p className="mt-2 text-xs text-slate-500" title={card.formula}>
        {card.formula}
      </p>
      <p className="text-xs text-slate-500">{thresholdText(card.threshold, card.unit)}</p>
      {card.notes && <p className="mt-1 text-xs text-amber-800">{card.notes}</p>}
    </article>
  );
}
