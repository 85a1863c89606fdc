import { WINDOWS11_JOB } from '@/lib/inventory/windows11-jobs';
import type { ScheduleRow } from '../schedule';

// After the cross-vendor checks (03:00); the job also waits for any collector still running.
export const windows11Schedule: ScheduleRow[] = [{ name: WINDOWS11_JOB.jobName, cron: '30 3 * * *' }];
