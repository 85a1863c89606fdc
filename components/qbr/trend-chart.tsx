'use client';

import { useId, useState } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatValue } from './format';

export type TrendSeries = { key: string; label: string; unit: string };
export type TrendRow = { period: string } & Record<string, number | null | string>;

/** One SmartNumber over the last eight quarters, chosen from a list; the same numbers as a table for screen readers and print. */
export function TrendChart({ rows, series, initial }: { rows: TrendRow[]; series: TrendSeries[]; initial: string }) {
  const [key, setKey] = useState(initial);
  const id = useId();
  const current = series.find((s) => s.key === key) ?? series[0]!;
  const data = rows.map((r) => ({ period: r.period, value: typeof r[current.key] === 'number' ? (r[current.key] as number) : null }));
  return (
    <section className="break-inside-avoid rounded-lg border border-slate-200 bg-white p-4" aria-labelledby={`${id}-title`}>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
          Trend over the last eight quarters
        </h2>
        <label className="no-print flex items-center gap-2 text-sm text-slate-700">
          SmartNumber
          <select className="rounded-md border border-slate-300 px-2 py-1 text-sm" value={current.key} onChange={(e) => setKey(e.target.value)} data-testid="trend-select">
            {series.map((s) => (
              <option key={s.key} value={s.key}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="h-64 w-full" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis dataKey="period" tick={{ fontSize: 12 }} />
            <YAxis tick={{ fontSize: 12 }} width={72} tickFormatter={(v: number) => formatValue(v, current.unit)} />
            <Tooltip formatter={(v) => [formatValue(typeof v === 'number' ? v : null, current.unit), current.label]} />
            <Line type="monotone" dataKey="value" stroke="#2563eb" strokeWidth={2} dot={{ r: 3 }} connectNulls={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <table className="sr-only">
        <caption>{current.label} by quarter</caption>
        <tbody>
          {data.map((d) => (
            <tr key={d.period}>
              <th scope="row">{d.period}</th>
              <td>{formatValue(d.value, current.unit)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
