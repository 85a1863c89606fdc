// The collector API and GET /api/status, which span the inventory and QBR
// collectors. Not a slice: it sits above them, uses each through its
// index.ts, and only app/ uses it (no slice imports it), so the slices'
// own imports stay one-way.

export { collectorHistory, collectorProgress, collectorStatus, respondToTrigger, triggerBodySchema } from './collectors';
export { collectionStatus } from './status';
