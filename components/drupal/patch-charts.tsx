'use client';

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { PatchTrendDto } from '@/lib/drupal/dto';

/** Updates applied per period (security apart) and the median lag, from the patch-run report. */
export function PatchCharts({ trends, period }: { trends: PatchTrendDto[]; period: 'week' | 'month' }) {
  const data = trends.map((t) => ({ ...t, other_updates: t.updates - t.security_updates }));
  const unit = period === 'week' ? 'Week of' : 'Month of';
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <figure className="rounded-lg border border-slate-200 bg-white p-4">
        <figcaption className="mb-2 text-sm font-medium text-slate-700">Updates applied per {period}</figcaption>
        <div className="h-64">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="period_start" fontSize={12} />
              <YAxis allowDecimals={false} fontSize={12} />
              <Tooltip labelFormatter={(v) => `${unit} ${v}`} />
              <Legend />
              <Bar dataKey="security_updates" name="Security updates" stackId="u" fill="#b91c1c" />
              <Bar dataKey="other_updates" name="Other updates" stackId="u" fill="#64748b" />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <figure className="rounded-lg border border-slate-200 bg-white p-4">
        <figcaption className="mb-2 text-sm font-medium text-slate-700">Median lag from release to update (days)</figcaption>
        <div className="h-64">
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={data}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="period_start" fontSize={12} />
              <YAxis fontSize={12} />
              <Tooltip labelFormatter={(v) => `${unit} ${v}`} />
              <Line type="monotone" dataKey="median_lag_days" name="Median lag (days)" stroke="#1d4ed8" strokeWidth={2} connectNulls />
            </LineChart>
          </ResponsiveContainer>
        </div>
      </figure>
    </div>
  );
}
