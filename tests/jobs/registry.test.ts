import { describe, expect, it } from 'vitest';
import { definitions, indexJobs, jobLabel, jobs } from '@/jobs/registry';
import { scheduleOf } from '@/jobs/schedule';

// The registry is the one list of jobs: names, prefixes and labels are
// spelled once, on the definitions, and everything else derives from them.

describe('the job registry', () => {
  it('gives every job its own name, run-id prefix and label', () => {
    expect(Object.keys(jobs)).toHaveLength(definitions.length);
    expect(new Set(definitions.map((j) => j.prefix)).size).toBe(definitions.length);
    for (const job of definitions) expect(jobLabel(job.name)).toBe(job.label);
    expect(jobLabel('a-job-since-removed')).toBe('a-job-since-removed');
  });

  it('refuses two jobs with one name or one prefix', () => {
    const [a, b] = definitions;
    expect(() => indexJobs([a!, { ...b!, name: a!.name }])).toThrow(/Two jobs are named/);
    expect(() => indexJobs([a!, { ...b!, prefix: a!.prefix }])).toThrow(/share the run-id prefix/);
  });

  it('registers every job that another queues after its batches, so a worker runs it', () => {
    for (const job of definitions) {
      for (const follower of job.afterBatch?.() ?? []) expect(definitions, `${job.name} → ${follower.name}`).toContain(follower);
    }
  });

  it('derives the schedule from the definitions, with the seed’s collector times', () => {
    const rows = scheduleOf(definitions);
    expect(rows).toEqual(definitions.filter((j) => j.schedule).map((j) => ({ name: j.name, cron: j.schedule })));
    const cron = Object.fromEntries(rows.map((r) => [r.name, r.cron]));
    expect(cron).toMatchObject({ 'ninja-collector': '10 2 * * *', 'threatlocker-collector': '31 2 * * *', 'cross-vendor': '0 3 * * *', 'windows11-assessment': '30 3 * * *' });
  });
});
