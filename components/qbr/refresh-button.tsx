'use client';

import { describeIssues } from '@/components/api-fetch';
import { Button } from '@/components/ui/button';
import { useQueueQbrRefreshMutation } from './hooks';

/** Queues the QBR collectors and the metrics job now. */
export function RefreshButton() {
  const refresh = useQueueQbrRefreshMutation();
  const message = refresh.isSuccess
    ? `Queued ${refresh.data.runs.map((r) => `${r.job_name} (${r.job_id})`).join(', ')}. Follow them under Admin → Jobs.`
    : refresh.isError
      ? describeIssues(refresh.error).join(' ')
      : null;
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button variant="secondary" pending={refresh.isPending} onClick={() => refresh.mutate()}>
        Collect QBR data now
      </Button>
      {message && (
        <p role="status" className="text-sm text-slate-700">
          {message}
        </p>
      )}
    </div>
  );
}
