import { INVENTORY_SCHEDULE } from '@/lib/inventory/schedule';
import type { ScheduleRow } from '../schedule';

// NinjaOne 02:10, ThreatLocker 02:31, cross-vendor checks 03:00 (SCHEDULE_TZ).
export const inventorySchedule: ScheduleRow[] = INVENTORY_SCHEDULE.map((row) => ({ ...row }));
