'use client';

import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { inputClasses } from '@/components/ui/form-field';
import { outcomeOf, useEnterManualMetricsMutation } from './hooks';

type Line = { metric_name: string; metric_value: string; notes: string; override: boolean };
const empty = (metric: string): Line => ({ metric_name: metric, metric_value: '', notes: '', override: false });

/** Hand-entered monthly values, and overrides of collected ones (superusers; audited). */
export function ManualEntryForm({ organizationId, organizationName, metrics, defaultMonth }: { organizationId: number; organizationName: string; metrics: { key: string; label: string; origin: string; mayBeNegative: boolean }[]; defaultMonth: string }) {
  const [period, setPeriod] = useState(defaultMonth);
  const [lines, setLines] = useState<Line[]>([empty('employees')]);
  const save = useEnterManualMetricsMutation(organizationId);
  const result = outcomeOf(save, (data) => data.metrics.map((m) => `${m.metric_name}: now ${m.effective_value ?? 'n/a'} (${m.effective_source ?? 'no value'})`));
  const signed = (metric: string) => metrics.find((m) => m.key === metric)?.mayBeNegative ?? false;
  const update = (i: number, patch: Partial<Line>) => setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...patch } : l)));

  function submit(e: React.FormEvent) {
    e.preventDefault();
    save.mutate(
      {
        period,
        organization_id: organizationId,
        metrics: lines.map((l) => ({
          metric_name: l.metric_name,
          metric_value: l.metric_value.trim() === '' ? null : Number(l.metric_value),
          notes: l.notes.trim() || null,
          override: l.override,
        })),
      },
      { onSuccess: () => setLines([empty('employees')]) },
    );
  }

  return (
    <form onSubmit={submit} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-label="Enter monthly metrics by hand" data-testid="manual-entry">
      <p className="text-sm text-slate-600">
        Values for <strong>{organizationName}</strong>. A value for a collected metric counts only when nothing else exists, unless you tick “override”.
      </p>
      <label className="block max-w-xs text-sm font-medium text-slate-700">
        Month (YYYY-MM)
        <input className={inputClasses} value={period} onChange={(e) => setPeriod(e.target.value)} pattern="\d{4}-\d{2}" required name="period" />
      </label>
      {lines.map((l, i) => (
        <fieldset key={i} className="grid grid-cols-2 items-end gap-2 md:grid-cols-[2fr_1fr_2fr_auto_auto]">
          <legend className="sr-only">Metric {i + 1}</legend>
          <label className="text-xs text-slate-700">
            Metric
            <select className={inputClasses} value={l.metric_name} onChange={(e) => update(i, { metric_name: e.target.value })} name={`metric-${i}`}>
              {metrics.map((m) => (
                <option key={m.key} value={m.key}>
                  {m.label}
                  {m.origin === 'manual' ? '' : ` (normally ${m.origin})`}
                </option>
              ))}
            </select>
          </label>
          <label className="text-xs text-slate-700">
            Value
            {/* Phone keypads for "decimal" have no minus key: amounts, which may be negative, get the full keyboard. */}
            <input className={inputClasses} inputMode={signed(l.metric_name) ? 'text' : 'decimal'} value={l.metric_value} onChange={(e) => update(i, { metric_value: e.target.value })} required name={`value-${i}`} aria-describedby={signed(l.metric_name) ? `value-${i}-hint` : undefined} />
            {signed(l.metric_name) && (
              <span id={`value-${i}-hint`} className="text-slate-500">
                May be negative (credit notes, refunds)
              </span>
            )}
          </label>
          <label className="text-xs text-slate-700">
            Note
            <input className={inputClasses} value={l.notes} onChange={(e) => update(i, { notes: e.target.value })} />
          </label>
          <label className="flex items-center gap-1 pb-2 text-xs text-slate-700">
            <input type="checkbox" checked={l.override} onChange={(e) => update(i, { override: e.target.checked })} /> Override
          </label>
          <Button variant="ghost" size="sm" onClick={() => setLines((ls) => ls.filter((_, j) => j !== i))} disabled={lines.length === 1} aria-label={`Remove metric ${i + 1}`}>
            Remove
          </Button>
        </fieldset>
      ))}
      <div className="flex gap-2">
        <Button variant="secondary" onClick={() => setLines((ls) => [...ls, empty('technical_employees')])}>
          Add a metric
        </Button>
        <Button type="submit" pending={save.isPending}>
          Save values
        </Button>
      </div>
      {result && (
        <Alert tone={result.tone} title={result.tone === 'success' ? 'Saved; SmartNumbers recomputed' : 'Nothing was saved'}>
          <ul className="list-disc pl-5">
            {result.lines.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        </Alert>
      )}
    </form>
  );
}
