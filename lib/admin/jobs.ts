import { defineJob } from '@/lib/jobs';
import { purgeDeletedRecords } from './retention';

// The admin slice's job: keeping the data tidy.

export const purgeDeletedJob = defineJob({
  name: 'purge-deleted',
  prefix: 'pd',
  label: 'Purge of deleted records',
  description: 'Removes soft-deleted organisations, users and sites older than RETENTION_DAYS, and expired sessions',
  schedule: '30 4 * * *',
  retryDelaySeconds: 60,
  run: async (ctx) => {
    const counts = await purgeDeletedRecords(ctx.db, { progress: ctx.progress });
    const summary = Object.entries(counts)
      .map(([k, v]) => `${v} ${k.replace(/_/g, ' ')}`)
      .join(', ');
    return { message: `Purged ${summary}`, result: counts };
  },
});
