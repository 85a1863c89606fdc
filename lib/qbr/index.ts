// What code outside the QBR slice may use.

// How current the QBR numbers are (GET /api/status reports it).
export { qbrFreshness } from './freshness';

// The QBR jobs' names and schedules (the collector endpoints report them too).
export { QBR_JOBS, QBR_SCHEDULE } from './job-names';
