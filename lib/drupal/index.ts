// Drupal module monitoring: what code outside the slice (routes, pages, jobs,
// start-up) may use. Everything else in lib/drupal is the slice's own.

// Sites
export { countSiteApiKeysFor, createSite, deleteSite, getSite, listSiteOrganizationsFor, listSitesFor, siteCreateSchema, siteUpdateSchema, updateSite } from './sites';

// A site's modules, its version history, and a project's versions and sites
export { listModuleVersionsFor, listProjectSitesFor, listSiteHistoryFor, listSiteModulesFor, siteModulesQuery } from './modules';

// Module reports: what a site posts
export { acceptModuleReport, ingestBacklog, MAX_REPORT_BODY_BYTES } from './ingest';

// Accepted risks
export { acceptRisk, acceptRiskSchema, clearAcceptedRisk } from './accept-risk';

// Patch runs
export { listPatchRunsFor, patchRunCreateSchema, recordPatchRun } from './patch-runs';

// Fleet summaries (the /api/v1/reports endpoints) and their downloads
export { moduleUpdatesDownload, moduleUpdatesQuery, moduleUpdatesSummary, patchRunDownload, patchRunSummary, patchRunSummaryQuery } from './summaries';

// What the client QBR reports of an organisation (read without a caller)
export { drupalPosture } from './posture';

// Jobs and the demo data
export { applyReportsJob, digestDailyJob, digestWeeklyJob, notifyJob, releaseSyncJob } from './jobs';
export { seedDrupalDemo } from './demo';
