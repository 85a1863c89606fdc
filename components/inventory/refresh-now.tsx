'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { apiFetch, describeFailure } from '@/components/api-fetch';

type Run = { job_id: string; job_name: string; status: string; progress_percent: number; message: string | null; error?: string | null };
type Progress = { batch_id: string; status: string; progress_percent: number; message: string | null; collectors: Run[] };
type TriggerResponse = { batch_id: string; status: string; message: string; collectors: { job_name: string; job_id: string; status: string }[] };

const OPEN = new Set(['queued', 'running']);
const JOB_LABELS: Record<string, string> = {
  'ninja-collector': 'NinjaOne',
  'threatlocker-collector': 'ThreatLocker',
  'cross-vendor': 'Cross-vendor checks',
  'windows11-assessment': 'Windows 11 assessment',
};

type Props = { label: string; url: string; body?: unknown; testId: string };

export function RefreshNow() {
  return <RunWithProgress label="Refresh now" url="/api/collectors/run" body={{ collectors: ['ninja', 'threatlocker'], run_cross_vendor: true }} testId="refresh" />;
}

export function RunAssessmentNow() {
  return <RunWithProgress label="Assess now" url="/api/windows-11-24h2/run" testId="assess" />;
}

/**
 * Starts a batch (the collectors and checks, or the assessment), follows its
 * progress stream (falling back to polling when the stream breaks), then
 * reloads the page's data.
 */
function RunWithProgress({ label, url, body, testId }: Props) {
  const router = useRouter();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const stop = useRef<() => void>(() => {});

  useEffect(() => () => stop.current(), []);

  const finish = (p: Progress) => {
    setProgress(p);
    stop.current();
    router.refresh();
  };

  const poll = (batchId: string) => {
    let alive = true;
    const tick = async () => {
      if (!alive) return;
      try {
        const res = await apiFetch<{ batch: Progress | null }>(`/api/collectors/progress?batch_id=${encodeURIComponent(batchId)}`);
        if (res.batch) {
          if (OPEN.has(res.batch.status)) setProgress(res.batch);
          else return finish(res.batch);
        }
      } catch (e) {
        setError(describeFailure(e));
      }
      if (alive) timer = setTimeout(tick, 2000);
    };
    let timer = setTimeout(tick, 0);
    stop.current = () => {
      alive = false;
      clearTimeout(timer);
    };
  };

  const follow = (batchId: string) => {
    if (typeof EventSource === 'undefined') return poll(batchId);
    const source = new EventSource(`/api/collectors/progress/stream?batch_id=${encodeURIComponent(batchId)}`);
    let last: Progress | null = null;
    stop.current = () => source.close();
    source.addEventListener('progress', (e) => {
      last = JSON.parse((e as MessageEvent<string>).data) as Progress;
      setProgress(last);
    });
    source.addEventListener('end', (e) => {
      const end = JSON.parse((e as MessageEvent<string>).data) as { status: string };
      finish({ ...(last ?? { batch_id: batchId, progress_percent: 100, message: null, collectors: [] }), status: end.status });
    });
    source.onerror = () => {
      // A dropped stream (proxy timeout, restart) is not a failed run: keep watching by polling.
      source.close();
      poll(batchId);
    };
  };

  const start = async () => {
    setError(null);
    setStarting(true);
    try {
      const res = await apiFetch<TriggerResponse>(url, { method: 'POST', json: body });
      setProgress({ batch_id: res.batch_id, status: res.status, progress_percent: 0, message: res.message, collectors: res.collectors.map((c) => ({ ...c, progress_percent: 0, message: null })) });
      if (OPEN.has(res.status)) follow(res.batch_id);
      else finish({ batch_id: res.batch_id, status: res.status, progress_percent: 100, message: res.message, collectors: [] });
    } catch (e) {
      setError(describeFailure(e));
    } finally {
      setStarting(false);
    }
  };

  const running = progress !== null && OPEN.has(progress.status);
  return (
    <div className="space-y-3" data-testid={`${testId}-now`}>
      <Button onClick={start} pending={starting || running} disabled={starting || running}>
        {running ? 'Running…' : label}
      </Button>
      {error && (
        <Alert tone="error" onDismiss={() => setError(null)}>
          {error}
        </Alert>
      )}
      {progress && (
        <div className="rounded-lg border border-slate-200 bg-white p-3 text-sm" aria-live="polite" data-testid={`${testId}-progress`}>
          <p className="font-medium text-slate-900">
            Batch {progress.batch_id}: {progress.status}
            {running ? ` (${Math.round(progress.progress_percent)}%)` : ''}
          </p>
          <ul className="mt-2 space-y-2">
            {progress.collectors.map((c) => (
              <li key={c.job_id}>
                <div className="flex justify-between gap-2 text-xs text-slate-700">
                  <span>{JOB_LABELS[c.job_name] ?? c.job_name}</span>
                  <span>
                    {c.status} · {Math.round(c.progress_percent)}%
                  </span>
                </div>
                <progress className="h-2 w-full" max={100} value={c.status === 'completed' ? 100 : c.progress_percent} aria-label={`${JOB_LABELS[c.job_name] ?? c.job_name} progress`} />
                {(c.error ?? c.message) && <p className="text-xs text-slate-600">{c.error ?? c.message}</p>}
              </li>
            ))}
          </ul>
          {!running && <p className="mt-2 text-xs text-slate-600">The page has been reloaded with the results.</p>}
        </div>
      )}
    </div>
  );
}
