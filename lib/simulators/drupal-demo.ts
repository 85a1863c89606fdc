import type { GeneratedProject, GeneratedRelease } from './drupal-release-history';
import { generateReleaseHistoryXml } from './drupal-release-history';

// Demo data for the Drupal dashboards: the module reports of the four demo
// sites, adapted from the three hand-written `drush pm:list` fixtures, and
// release histories for every project they run, served by the simulator.
// Versions are illustrative; they say nothing about real drupal.org releases.

type DrushExtension = {
  package: string;
  project: string;
  display_name: string;
  name: string;
  type: 'module' | 'theme';
  path: string;
  status: 'Enabled' | 'Disabled';
  version: string | null;
};
export type DrushReport = Record<string, DrushExtension>;

/** [machine name, type (m/t), enabled (1/0), path, package] of a core extension. */
type CoreRow = [string, string, number, string, string];
/** [machine name, project, type (m/t), enabled (1/0), version, path, package] of a contrib or custom extension. */
type ExtensionRow = [string, string, string, number, string | null, string, string];

const CORE_A: CoreRow[] = [["automated_cron", "m", 1, "core/modules/automated_cron", "Core"], ["big_pipe", "m", 1, "core/modules/big_pipe", "Core"], ["block", "m", 1, "core/modules/block", "Core"], ["block_content", "m", 1, "core/modules/block_content", "Core"], ["breakpoint", "m", 1, "core/modules/breakpoint", "Core"], ["ckeditor5", "m", 1, "core/modules/ckeditor5", "Core"], ["comment", "m", 1, "core/modules/comment", "Core"], ["config", "m", 1, "core/modules/config", "Core"], ["contextual", "m", 1, "core/modules/contextual", "Core"], ["datetime", "m", 1, "core/modules/datetime", "Field types"], ["dblog", "m", 1, "core/modules/dblog", "Core"], ["dynamic_page_cache", "m", 1, "core/modules/dynamic_page_cache", "Core"], ["editor", "m", 1, "core/modules/editor", "Core"], ["field", "m", 1, "core/modules/field", "Core"], ["field_ui", "m", 1, "core/modules/field_ui", "Core"], ["file", "m", 1, "core/modules/file", "Field types"], ["filter", "m", 1, "core/modules/filter", "Core"], ["help", "m", 1, "core/modules/help", "Core"], ["image", "m", 1, "core/modules/image", "Field types"], ["link", "m", 1, "core/modules/link", "Field types"], ["media", "m", 1, "core/modules/media", "Core"], ["menu_link_content", "m", 1, "core/modules/menu_link_content", "Core"], ["menu_ui", "m", 1, "core/modules/menu_ui", "Core"], ["mysql", "m", 1, "core/modules/mysql", "Core"], ["node", "m", 1, "core/modules/node", "Core"], ["options", "m", 1, "core/modules/options", "Field types"], ["page_cache", "m", 1, "core/modules/page_cache", "Core"], ["path", "m", 1, "core/modules/path", "Core"], ["path_alias", "m", 1, "core/modules/path_alias", "Core"], ["system", "m", 1, "core/modules/system", "Core"], ["taxonomy", "m", 1, "core/modules/taxonomy", "Core"], ["text", "m", 1, "core/modules/text", "Field types"], ["toolbar", "m", 1, "core/modules/toolbar", "Core"], ["update", "m", 1, "core/modules/update", "Core"], ["user", "m", 1, "core/modules/user", "Core"], ["views", "m", 1, "core/modules/views", "Core"], ["views_ui", "m", 1, "core/modules/views_ui", "Core"], ["ban", "m", 0, "core/modules/ban", "Core"], ["contact", "m", 0, "core/modules/contact", "Core"], ["search", "m", 0, "core/modules/search", "Core"], ["media_library", "m", 0, "core/modules/media_library", "Core"], ["claro", "t", 1, "core/themes/claro", "Core"], ["olivero", "t", 0, "core/themes/olivero", "Core"], ["stark", "t", 0, "core/themes/stark", "Core"]];
const CORE_C: CoreRow[] = [["block", "m", 1, "core/modules/block", "Core"], ["ckeditor5", "m", 1, "core/modules/ckeditor5", "Core"], ["field", "m", 1, "core/modules/field", "Core"], ["filter", "m", 1, "core/modules/filter", "Core"], ["node", "m", 1, "core/modules/node", "Core"], ["system", "m", 1, "core/modules/system", "Core"], ["text", "m", 1, "core/modules/text", "Field types"], ["update", "m", 1, "core/modules/update", "Core"], ["user", "m", 1, "core/modules/user", "Core"], ["views", "m", 1, "core/modules/views", "Core"], ["claro", "t", 1, "core/themes/claro", "Core"]];
const CONTRIB_A: ExtensionRow[] = [
  ["admin_toolbar", "admin_toolbar", "m", 1, "3.5.1", "modules/contrib/admin_toolbar", "Administration"],
  ["admin_toolbar_tools", "admin_toolbar", "m", 1, "3.5.1", "modules/contrib/admin_toolbar/admin_toolbar_tools", "Administration"],
  ["ctools", "ctools", "m", 1, "4.1.0", "modules/contrib/ctools", "Chaos tool suite"],
  ["entity_reference_revisions", "entity_reference_revisions", "m", 1, "8.x-1.12", "modules/contrib/entity_reference_revisions", "Field types"],
  ["metatag", "metatag", "m", 1, "2.1.0", "modules/contrib/metatag", "SEO"],
  ["monolog", "monolog", "m", 1, "3.0.4", "modules/contrib/monolog", "Logging"],
  ["paragraphs", "paragraphs", "m", 1, "8.x-1.18", "modules/contrib/paragraphs", "Paragraphs"],
  ["pathauto", "pathauto", "m", 1, "8.x-1.13", "modules/contrib/pathauto", "Other"],
  ["purge", "purge", "m", 1, "8.x-3.6", "modules/contrib/purge", "Purge"],
  ["purge_processor_cron", "purge", "m", 1, "8.x-3.6", "modules/contrib/purge/modules/purge_processor_cron", "Purge - processors"],
  ["purge_queuer_coretags", "purge", "m", 1, "8.x-3.6", "modules/contrib/purge/modules/purge_queuer_coretags", "Purge - queuers"],
  ["purge_ui", "purge", "m", 1, "8.x-3.6", "modules/contrib/purge/modules/purge_ui", "Purge"],
  ["redirect", "redirect", "m", 1, "8.x-1.10", "modules/contrib/redirect", "Other"],
  ["token", "token", "m", 1, "8.x-1.15", "modules/contrib/token", "Other"],
  ["twig_tweak", "twig_tweak", "m", 1, "3.4.0", "modules/contrib/twig_tweak", "Development"],
  ["varnish_purger", "varnish_purge", "m", 1, "8.x-2.2", "modules/contrib/varnish_purge", "Purge - purgers"],
  ["webform", "webform", "m", 1, "6.2.9", "modules/contrib/webform", "Webform"],
  ["webform_ui", "webform", "m", 0, "6.2.9", "modules/contrib/webform/modules/webform_ui", "Webform"],
  ["acme_core", "", "m", 1, null, "modules/custom/acme_core", "Custom"],
  ["acme_migrate", "", "m", 0, null, "modules/custom/acme_migrate", "Custom"],
  ["gin", "gin", "t", 1, "4.0.2", "themes/contrib/gin", "Other"],
  ["gin_toolbar", "gin_toolbar", "m", 1, "2.0.0", "modules/contrib/gin_toolbar", "Administration"],
  ["acme_theme", "", "t", 1, null, "themes/custom/acme_theme", "Other"],
];
const CONTRIB_B: ExtensionRow[] = [
  ["admin_toolbar", "admin_toolbar", "m", 1, "3.5.1", "modules/contrib/admin_toolbar", "Administration"],
  ["admin_toolbar_tools", "admin_toolbar", "m", 1, "3.5.1", "modules/contrib/admin_toolbar/admin_toolbar_tools", "Administration"],
  ["config_split", "config_split", "m", 1, "2.0.1", "modules/contrib/config_split", "Config"],
  ["entity_reference_revisions", "entity_reference_revisions", "m", 1, "8.x-1.12", "modules/contrib/entity_reference_revisions", "Field types"],
  ["field_group", "field_group", "m", 1, "3.6.0", "modules/contrib/field_group", "Fields"],
  ["google_tag", "google_tag", "m", 1, "2.0.7", "modules/contrib/google_tag", "Statistics"],
  ["linkit", "linkit", "m", 1, "6.1.5", "modules/contrib/linkit", "User interface"],
  ["metatag", "metatag", "m", 1, "2.1.0", "modules/contrib/metatag", "SEO"],
  ["paragraphs", "paragraphs", "m", 1, "8.x-1.18", "modules/contrib/paragraphs", "Paragraphs"],
  ["pathauto", "pathauto", "m", 1, "8.x-1.13", "modules/contrib/pathauto", "Other"],
  ["redirect", "redirect", "m", 1, "8.x-1.10", "modules/contrib/redirect", "Other"],
  ["simple_sitemap", "simple_sitemap", "m", 1, "4.2.1", "modules/contrib/simple_sitemap", "SEO"],
  ["token", "token", "m", 1, "8.x-1.15", "modules/contrib/token", "Other"],
  ["config_ignore", "config_ignore", "m", 1, "8.x-2.x-dev", "modules/contrib/config_ignore", "Config"],
  ["gin", "gin", "t", 1, "4.0.2", "themes/contrib/gin", "Other"],
  ["globex_search", "", "m", 1, "1.0.0", "modules/custom/globex_search", "Custom"],
  ["globex_theme", "", "t", 1, null, "themes/custom/globex_theme", "Other"],
];
const CONTRIB_C: ExtensionRow[] = [
  ["ctools", "ctools", "m", 1, "8.x-3.14", "modules/contrib/ctools", "Chaos tool suite"],
  ["token", "token", "m", 1, "8.x-1.11", "modules/contrib/token", "Other"],
  ["pathauto", "pathauto", "m", 1, "8.x-1.11", "modules/contrib/pathauto", "Other"],
  ["webform", "webform", "m", 1, "6.2.0-beta5", "modules/contrib/webform", "Webform"],
  ["search_api", "search_api", "m", 1, "8.x-1.29", "modules/contrib/search_api", "Search"],
  ["search_api_solr", "search_api_solr", "m", 1, "4.3.0-rc1", "modules/contrib/search_api_solr", "Search"],
  ["devel", "devel", "m", 1, "5.1.x-dev", "modules/contrib/devel", "Development"],
  ["entity_browser", "entity_browser", "m", 1, null, "modules/contrib/entity_browser", "Media"],
  ["initech_api", "", "m", 1, null, "modules/custom/initech_api", "Custom"],
];

function extension(name: string, project: string, type: string, enabled: number, version: string | null, path: string, pkg: string): DrushExtension {
  return {
    package: pkg,
    project,
    display_name: `${name.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase())} (${name})`,
    name,
    type: type === 't' ? 'theme' : 'module',
    path,
    status: enabled ? 'Enabled' : 'Disabled',
    version,
  };
}

/** A `drush pm:list --format=json` report with core at `core` and contrib versions overridden. */
function drushReport(core: CoreRow[], coreVersion: string | null, contrib: ExtensionRow[], versions: Record<string, string> = {}): DrushReport {
  const report: DrushReport = {};
  for (const [name, type, enabled, path, pkg] of core) report[name] = extension(name, '', type, enabled, coreVersion, path, pkg);
  for (const [name, project, type, enabled, version, path, pkg] of contrib) {
    report[name] = extension(name, project, type, enabled, project && versions[project] !== undefined ? versions[project] : version, path, pkg);
  }
  return report;
}

const CORE_B = CORE_A.filter(([name]) => ['system', 'node', 'user', 'field', 'text', 'filter', 'olivero', 'claro'].includes(name));

export type DemoSiteReports = {
  /** Matches a demo site by URL (lib/demo/seed.ts). */
  url: string;
  /** Oldest first; each is posted as if received `daysAgo` days ago. */
  reports: { daysAgo: number; report: DrushReport }[];
};

/** Four demo sites: an older report and today's, so history and patch runs have data. */
export function demoSiteReports(): DemoSiteReports[] {
  return [
    {
      url: 'https://www.acme-dental.example',
      reports: [
        { daysAgo: 63, report: drushReport(CORE_A, '10.3.6', CONTRIB_A, { admin_toolbar: '3.5.0', webform: '6.2.7', token: '8.x-1.14', redirect: '8.x-1.9' }) },
        { daysAgo: 35, report: drushReport(CORE_A, '10.3.10', CONTRIB_A, { webform: '6.2.8' }) },
        { daysAgo: 0, report: drushReport(CORE_A, '10.3.10', CONTRIB_A) },
      ],
    },
    {
      url: 'https://portal.acme-dental.example',
      reports: [
        { daysAgo: 30, report: drushReport(CORE_B, '10.4.7', CONTRIB_B, { google_tag: '2.0.6', linkit: '6.1.4' }) },
        { daysAgo: 0, report: drushReport(CORE_B, '10.4.8', CONTRIB_B) },
      ],
    },
    {
      url: 'https://birch-rowe.example',
      reports: [{ daysAgo: 0, report: drushReport(CORE_C, '10.1.8', CONTRIB_C) }],
    },
    {
      url: 'https://track.cobalt-logistics.example',
      reports: [
        { daysAgo: 49, report: drushReport(CORE_A, '10.4.7', CONTRIB_A, { admin_toolbar: '3.5.1', paragraphs: '8.x-1.18', gin: '4.0.2' }) },
        { daysAgo: 21, report: drushReport(CORE_A, '10.5.2', CONTRIB_A, { admin_toolbar: '3.5.2', paragraphs: '8.x-1.18', gin: '4.0.2' }) },
        {
          daysAgo: 0,
          report: drushReport(CORE_A, '10.5.3', CONTRIB_A, { admin_toolbar: '3.5.3', paragraphs: '8.x-1.19', gin: '4.0.3', webform: '6.2.10', metatag: '2.1.1', redirect: '8.x-1.11' }),
        },
      ],
    },
  ];
}

// Release histories, newest first per major. `S` marks a security release,
// `I` an insecure one, `U` an unsupported one; the number is days ago.
function releases(spec: string): GeneratedRelease[] {
  return spec
    .trim()
    .split(/\s*,\s*/)
    .map((item) => {
      const [version = '', age = '0', flags = ''] = item.split(/\s+/);
      return { version, daysAgo: Number(age), security: flags.includes('S'), insecure: flags.includes('I'), unsupported: flags.includes('U') };
    });
}

const DEMO_PROJECTS: GeneratedProject[] = [
  {
    shortName: 'drupal',
    title: 'Drupal core',
    type: 'project_core',
    supportedBranches: ['10.4.', '10.5.', '11.1.', '11.2.'],
    releases: releases(
      '11.2.3 4, 11.2.2 25 S, 11.1.9 4, 11.1.8 25 S, 10.5.3 4, 10.5.2 25 S, 10.5.1 50 I, 10.5.0 80 I, 10.4.9 4, 10.4.8 25 S, 10.4.7 50 I, 10.3.10 200 I, 10.3.6 260 I, 10.1.8 420 I',
    ),
  },
  { shortName: 'admin_toolbar', title: 'Admin Toolbar', supportedBranches: ['3.'], releases: releases('3.5.3 10 S, 3.5.2 40, 3.5.1 90, 3.5.0 140') },
  { shortName: 'ctools', title: 'Chaos Tool Suite', supportedBranches: ['4.'], releases: releases('4.1.0 120, 4.0.4 300, 8.x-3.14 500') },
  { shortName: 'entity_reference_revisions', title: 'Entity Reference Revisions', supportedBranches: ['8.x-1.'], releases: releases('8.x-1.12 150, 8.x-1.11 300') },
  { shortName: 'metatag', title: 'Metatag', supportedBranches: ['2.'], releases: releases('2.1.1 20, 2.1.0 110') },
  { shortName: 'monolog', title: 'Monolog', supportedBranches: ['3.'], releases: releases('3.0.4 200') },
  { shortName: 'paragraphs', title: 'Paragraphs', supportedBranches: ['8.x-1.'], releases: releases('8.x-1.19 15 S, 8.x-1.18 100 I, 8.x-1.17 200 I') },
  { shortName: 'pathauto', title: 'Pathauto', supportedBranches: ['8.x-1.'], releases: releases('8.x-1.13 130, 8.x-1.12 250, 8.x-1.11 400') },
  { shortName: 'purge', title: 'Purge', supportedBranches: ['8.x-3.'], releases: releases('8.x-3.6 160') },
  { shortName: 'redirect', title: 'Redirect', supportedBranches: ['8.x-1.'], releases: releases('8.x-1.11 30, 8.x-1.10 120, 8.x-1.9 240') },
  { shortName: 'token', title: 'Token', supportedBranches: ['8.x-1.'], releases: releases('8.x-1.15 140, 8.x-1.14 260, 8.x-1.11 500') },
  { shortName: 'twig_tweak', title: 'Twig Tweak', supportedBranches: ['3.'], releases: releases('3.4.0 180') },
  { shortName: 'varnish_purge', title: 'Varnish purger', supportedBranches: ['8.x-2.'], releases: releases('8.x-2.2 220') },
  {
    shortName: 'webform',
    title: 'Webform',
    supportedBranches: ['6.2.'],
    releases: releases('6.2.10 12, 6.2.9 100, 6.2.8 150, 6.2.7 200, 6.2.0 420, 6.2.0-rc1 450, 6.2.0-beta5 480'),
  },
  { shortName: 'gin', title: 'Gin Admin Theme', type: 'project_theme', supportedBranches: ['4.0.'], releases: releases('4.0.3 8 S, 4.0.2 90') },
  { shortName: 'gin_toolbar', title: 'Gin Toolbar', supportedBranches: ['2.0.'], releases: releases('2.0.0 200') },
  { shortName: 'config_split', title: 'Configuration Split', supportedBranches: ['2.0.'], releases: releases('2.0.2 30, 2.0.1 160') },
  { shortName: 'field_group', title: 'Field Group', supportedBranches: ['3.6.'], releases: releases('3.6.0 150') },
  { shortName: 'google_tag', title: 'Google Tag Manager', supportedBranches: ['2.0.'], releases: releases('2.0.8 3 S, 2.0.7 70 I, 2.0.6 140 I') },
  { shortName: 'linkit', title: 'Linkit', supportedBranches: ['6.1.'], releases: releases('6.1.5 60, 6.1.4 150') },
  { shortName: 'simple_sitemap', title: 'Simple XML sitemap', supportedBranches: ['4.2.'], releases: releases('4.2.2 45, 4.2.1 130') },
  { shortName: 'config_ignore', title: 'Config Ignore', supportedBranches: ['8.x-2.'], releases: releases('8.x-2.4 90, 8.x-2.x-dev 10') },
  { shortName: 'search_api', title: 'Search API', supportedBranches: ['8.x-1.'], releases: releases('8.x-1.38 20 S, 8.x-1.37 90, 8.x-1.29 400 I') },
  { shortName: 'search_api_solr', title: 'Search API Solr', supportedBranches: ['4.3.'], releases: releases('4.3.9 60, 4.3.0 300, 4.3.0-rc1 330') },
  { shortName: 'devel', title: 'Devel', supportedBranches: ['5.3.'], releases: releases('5.3.1 50, 5.1.x-dev 400') },
  { shortName: 'entity_browser', title: 'Entity Browser', supportedBranches: ['8.x-2.'], releases: releases('8.x-2.13 60') },
];

/** The simulator's data in demo mode: one release history per demo project. */
export function demoReleaseHistories(asOf: Date = new Date()): Record<string, string> {
  return Object.fromEntries(DEMO_PROJECTS.map((project) => [project.shortName, generateReleaseHistoryXml(project, asOf)]));
}
