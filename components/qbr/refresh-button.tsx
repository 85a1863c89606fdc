'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { describeError, qbrRequest } from './api';

/** Queues the QBR collectors and the metrics job now. */
export function RefreshButton() {
  const [state, setState] = useState<{ pending: boolean; message: string | null }>({ pending: false, message: null });
  async function run() {
    setState({ pending: true, message: null });
    try {
      const data = await qbrRequest<{ runs: { job_name: string; job_id: string }[] }>('/api/qbr/refresh', 'POST', {});
      setState({ pending: false, message: `Queued ${data.runs.map((r) => `${r.job_name} (${r.job_id})`).join(', ')}. Follow them under Admin → Jobs.` });
    } catch (error) {
      setState({ pending: false, message: describeError(error).join(' ') });
    }
  }
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button variant="secondary" pending={state.pending} onClick={run}>
        Collect QBR data now
      </Button>
      {state.message && (
        <p role="status" className="text-sm text-slate-700">
          {state.message}
        </p>
      )}
    </div>
  );
}
