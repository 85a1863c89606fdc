'use client';

import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { inputClasses } from '@/components/ui/form-field';
import { outcomeOf, useSaveThresholdMutation } from './hooks';

export type ThresholdEditorRow = {
  metric_name: string;
  label: string;
  unit: string;
  threshold: { direction: 'higher_is_better' | 'lower_is_better'; green: number; yellow: number; scope: 'organization' | 'global'; notes: string | null } | null;
};

function ThresholdRow({ row, organizationId, organizationName }: { row: ThresholdEditorRow; organizationId: number; organizationName: string }) {
  const [direction, setDirection] = useState(row.threshold?.direction ?? 'higher_is_better');
  const [green, setGreen] = useState(row.threshold ? String(row.threshold.green) : '');
  const [yellow, setYellow] = useState(row.threshold ? String(row.threshold.yellow) : '');
  const [scope, setScope] = useState<'organization' | 'global'>(row.threshold?.scope ?? 'global');
  const saveThreshold = useSaveThresholdMutation();
  const message = outcomeOf(saveThreshold, () => ['Saved']);
  const id = `th-${row.metric_name}`;

  function save(e: React.FormEvent) {
    e.preventDefault();
    saveThreshold.mutate({
      metric_name: row.metric_name,
      organization_id: scope === 'organization' ? organizationId : null,
      direction,
      green: green.trim() === '' ? null : Number(green),
      yellow: yellow.trim() === '' ? null : Number(yellow),
    });
  }

  return (
    <form onSubmit={save} className="grid grid-cols-2 items-end gap-2 border-b border-slate-100 py-3 md:grid-cols-[2fr_1.3fr_1fr_1fr_1.4fr_auto]" aria-label={`Threshold for ${row.label}`} data-testid={id}>
      <div className="col-span-2 md:col-span-1">
        <p className="text-sm font-medium text-slate-800">{row.label}</p>
        <p className="text-xs text-slate-500">
          {row.threshold ? (row.threshold.scope === 'organization' ? `Own threshold for ${organizationName}` : 'Global default') : 'No threshold yet'}
          {row.unit === 'ratio' ? ' · fractions: 0.92 = 92%' : ''}
        </p>
      </div>
      <label className="text-xs text-slate-700">
        Direction
        <select className={inputClasses} value={direction} onChange={(e) => setDirection(e.target.value as typeof direction)}>
          <option value="higher_is_better">Higher is better</option>
          <option value="lower_is_better">Lower is better</option>
        </select>
      </label>
      <label className="text-xs text-slate-700">
        Green bound
        <input className={inputClasses} inputMode="decimal" value={green} onChange={(e) => setGreen(e.target.value)} required />
      </label>
      <label className="text-xs text-slate-700">
        Yellow bound
        <input className={inputClasses} inputMode="decimal" value={yellow} onChange={(e) => setYellow(e.target.value)} required />
      </label>
      <label className="text-xs text-slate-700">
        Applies to
        <select className={inputClasses} value={scope} onChange={(e) => setScope(e.target.value as typeof scope)}>
          <option value="global">Every organisation (default)</option>
          <option value="organization">{organizationName} only</option>
        </select>
      </label>
      <Button type="submit" size="sm" pending={saveThreshold.isPending}>
        Save
      </Button>
      {message && (
        <div className="col-span-2 md:col-span-6">
          <Alert tone={message.tone} title={message.tone === 'success' ? 'Saved' : 'Not saved'}>
            {message.tone === 'error' && (
              <ul className="list-disc pl-5">
                {message.lines.map((l) => (
                  <li key={l}>{l}</li>
                ))}
              </ul>
            )}
          </Alert>
        </div>
      )}
    </form>
  );
}

/** Every SmartNumber and client measure with its threshold; each row saves on its own (audited). */
export function ThresholdEditor({ rows, organizationId, organizationName }: { rows: ThresholdEditorRow[]; organizationId: number; organizationName: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4">
      {rows.map((r) => (
        <ThresholdRow key={r.metric_name} row={r} organizationId={organizationId} organizationName={organizationName} />
      ))}
    </div>
  );
}
