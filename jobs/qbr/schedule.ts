import { QBR_SCHEDULE } from '@/lib/qbr/job-names';
import type { ScheduleRow } from '../schedule';

// ConnectWise 22:15, QuickBooks 22:30, metrics 23:00 (SCHEDULE_TZ).
export const qbrSchedule: ScheduleRow[] = QBR_SCHEDULE.map((row) => ({ ...row }));
