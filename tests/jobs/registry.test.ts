import { describe, expect, it } from 'vitest';
import { definitions, indexJobs, jobLabel, jobs } from '@/jobs/registry';
import { scheduleOf } from '@/jobs/schedule';
import { defineJob } from '@/lib/jobs/definition';

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

  it('gives every job the queue settings it had before the defaults: retries, delay, expiry', () => {
    const settings = Object.fromEntries(definitions.map((j) => [j.name, [j.retryLimit, j.retryDelaySeconds, j.expireInSeconds]]));
    expect(settings).toEqual({
      'purge-deleted': [2, 60, 900],
      'drupal-apply-reports': [5, 10, 600],
      'drupal-release-sync': [3, 120, 3600],
      'drupal-notify': [3, 300, 900],
      'drupal-digest-daily': [3, 300, 900],
      'drupal-digest-weekly': [3, 300, 900],
      'connectwise-collector': [2, 300, 1800],
      'quickbooks-collector': [2, 300, 1800],
      'qbr-metrics': [1, 60, 900],
      'ninja-collector': [2, 300, 3600],
      'threatlocker-collector': [2, 300, 3600],
      'cross-vendor': [1, 120, 7200],
      'inventory-batch-callback': [3, 30, 900],
      'windows11-assessment': [2, 300, 1800],
    });
  });

  it('fills only the queue settings a definition leaves out, keeping an explicit 0', () => {
    const run = async () => ({ message: 'done' });
    const plain = defineJob({ name: 'plain', prefix: 'pl', label: 'Plain', description: 'd', run });
    expect(plain).toMatchObject({ name: 'plain', retryLimit: 2, retryDelaySeconds: 300, expireInSeconds: 900, run });
    const own = defineJob({ name: 'own', prefix: 'ow', label: 'Own', description: 'd', retryLimit: 0, retryDelaySeconds: 1, expireInSeconds: 60, run });
    expect(own).toMatchObject({ retryLimit: 0, retryDelaySeconds: 1, expireInSeconds: 60 });
  });
});
