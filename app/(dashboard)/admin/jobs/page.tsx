import type { Metadata } from 'next';
import { Elapsed } from '@/components/admin/elapsed';
import { formatDuration } from '@/components/admin/format';
import { JobsRefresh } from '@/components/admin/jobs-refresh';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { DateTime } from '@/components/ui/date-time';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { jobLabel } from '@/jobs/registry';
import { getPageContext } from '@/lib/auth/page-context';
import { paginationSchema } from '@/lib/http/pagination';
import { listJobRuns, type JobRunDto } from '@/lib/jobs';

export const metadata: Metadata = { title: 'Jobs' };

type SearchParams = Record<string, string | string[] | undefined>;

const PER_PAGE = 25;

const statusTone: Record<JobRunDto['status'], BadgeTone> = {
  queued: 'slate',
  running: 'blue',
  completed: 'green',
  failed: 'red',
  cancelled: 'amber',
};
const statusLabel: Record<JobRunDto['status'], string> = {
  queued: 'Queued',
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

function Duration({ run }: { run: JobRunDto }) {
  if (run.duration_seconds !== null) return <>{formatDuration(run.duration_seconds)}</>;
  if (run.status === 'running' && run.started_at) return <Elapsed since={run.started_at} />;
  return <span className="text-slate-500">—</span>;
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function JobsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await getPageContext('jobs:read');
  const sp = await searchParams;
  // Bad values fall back to the defaults instead of failing the page.
  const pageParsed = paginationSchema.shape.page.safeParse(first(sp.page));
  const page = pageParsed.success ? pageParsed.data : 1;
  const { rows, total, names, jobName } = await listJobRuns(ctx, { page, per_page: PER_PAGE, job_name: first(sp.job_name)?.trim() });
  const active = rows.some((r) => r.status === 'running' || r.status === 'queued');
  const hrefFor = (p: number) => {
    const params = new URLSearchParams();
    if (jobName) params.set('job_name', jobName);
    if (p > 1) params.set('page', String(p));
    const qs = params.toString();
    return qs ? `/admin/jobs?${qs}` : '/admin/jobs';
  };

  return (
    <>
      <PageHeader
        title="Jobs"
        description="Recent runs of the background jobs (collectors, checks, digests, clean-up), newest first."
        actions={<JobsRefresh active={active} />}
      />
      <form method="get" action="/admin/jobs" aria-label="Filter job runs" className="mb-4 flex flex-wrap items-end gap-3">
        <div className="w-full sm:w-72">
          <label htmlFor="job-name" className="mb-1 block text-sm font-medium text-slate-700">
            Job
          </label>
          <select
            id="job-name"
            name="job_name"
            defaultValue={jobName ?? ''}
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm"
          >
            <option value="">All jobs</option>
            {names.map((n) => (
              <option key={n} value={n}>
                {jobLabel(n)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonClasses('secondary')}>
          Show
        </button>
      </form>

      {rows.length === 0 ? (
        <EmptyState title={jobName ? `No runs of ${jobLabel(jobName)} yet` : 'No job runs yet'}>
          {page > 1 ? 'This page is past the end of the list.' : 'Runs appear here once a schedule or a person starts a job.'}
        </EmptyState>
      ) : (
        <Table label="Job runs">
          <THead>
            <Th>Job</Th>
            <Th>Status</Th>
            <Th>Progress</Th>
            <Th>Started</Th>
            <Th>Duration</Th>
            <Th>Message</Th>
          </THead>
          <TBody>
            {rows.map((r) => (
              <tr key={r.job_id}>
                <Td>
                  <span className="block whitespace-nowrap font-medium text-slate-900">{jobLabel(r.job_name)}</span>
                  <span className="block font-mono text-xs text-slate-500">
                    {r.job_name} · {r.job_id}
                  </span>
                </Td>
                <Td>
                  <Badge tone={statusTone[r.status]}>{statusLabel[r.status]}</Badge>
                </Td>
                <Td>
                  <div className="flex items-center gap-2">
                    <div
                      role="progressbar"
                      aria-label={`Progress of ${jobLabel(r.job_name)}`}
                      aria-valuemin={0}
                      aria-valuemax={100}
                      aria-valuenow={r.progress_percent}
                      className="h-2 w-24 overflow-hidden rounded-full bg-slate-200"
                    >
                      <div
                        className={`h-full rounded-full ${r.status === 'failed' ? 'bg-red-600' : r.status === 'completed' ? 'bg-green-600' : 'bg-brand-600'}`}
                        style={{ width: `${r.progress_percent}%` }}
                      />
                    </div>
                    <span className="w-10 text-right tabular-nums text-slate-700">{r.progress_percent}%</span>
                  </div>
                </Td>
                <Td>
                  <DateTime value={r.started_at} fallback="Not started" />
                </Td>
                <Td className="whitespace-nowrap tabular-nums"><Duration run={r} /></Td>
                <Td>
                  <div className="min-w-56 max-w-md [overflow-wrap:anywhere]">
                    {r.error ? (
                      <p className="text-red-800">
                        <span className="font-semibold">Error: </span>
                        {r.error}
                      </p>
                    ) : null}
                    {r.message ? <p className="text-slate-700">{r.message}</p> : null}
                    {!r.error && !r.message && <span className="text-slate-500">—</span>}
                  </div>
                </Td>
              </tr>
            ))}
          </TBody>
        </Table>
      )}
      <Pagination label="Job runs" page={page} perPage={PER_PAGE} total={total} hrefFor={hrefFor} />
    </>
  );
}
