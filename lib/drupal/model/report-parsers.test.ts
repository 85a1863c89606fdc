import { describe, expect, it } from 'vitest';
import { readFixture } from '../__fixtures__/paths';
import {
  detectReportFormat,
  MAX_REPORT_ENTRIES,
  parseModuleReport,
  type ReportEntry,
  type ReportParseResult,
} from './report-parsers';
import { assessUpdateStatus } from './update-status';

function expectOk(result: ReportParseResult) {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result;
}

function byProject(entries: ReportEntry[]): Record<string, ReportEntry> {
  return Object.fromEntries(entries.map((entry) => [entry.project, entry]));
}

describe('drush pm:list --format=json', () => {
  it('collapses site A (Drupal 10.3.10) into projects', () => {
    const raw = readFixture('drush-pm-list.site-a.d10-3-10.json');
    const result = expectOk(parseModuleReport(raw));
    expect(result.format).toBe('drush-pm-list');
    expect(result.warnings).toEqual([]);
    expect(result.entries.map((entry) => entry.project)).toEqual([
      'acme_core',
      'acme_migrate',
      'acme_theme',
      'admin_toolbar',
      'ctools',
      'drupal',
      'entity_reference_revisions',
      'gin',
      'gin_toolbar',
      'metatag',
      'monolog',
      'paragraphs',
      'pathauto',
      'purge',
      'redirect',
      'token',
      'twig_tweak',
      'varnish_purge',
      'webform',
    ]);
    // Every extension lands in exactly one project.
    const extensionCount = result.entries.reduce((sum, entry) => sum + entry.extensions.length, 0);
    expect(extensionCount).toBe(Object.keys(JSON.parse(raw)).length);

    const projects = byProject(result.entries);
    expect(projects.drupal).toMatchObject({ version: '10.3.10', type: 'core', enabled: true });
    expect(projects.drupal?.extensions).toHaveLength(44);
    expect(projects.drupal?.extensions).toEqual(expect.arrayContaining(['node', 'system', 'ban', 'claro', 'olivero', 'stark']));
    expect(projects.purge).toEqual({
      project: 'purge',
      version: '8.x-3.6',
      type: 'module',
      extensions: ['purge', 'purge_processor_cron', 'purge_queuer_coretags', 'purge_ui'],
      enabled: true,
    });
    expect(projects.admin_toolbar).toMatchObject({ version: '3.5.1', extensions: ['admin_toolbar', 'admin_toolbar_tools'] });
    expect(projects.varnish_purge).toMatchObject({ version: '8.x-2.2', extensions: ['varnish_purger'] });
    // webform_ui is disabled, webform enabled: the project counts as enabled.
    expect(projects.webform).toMatchObject({ version: '6.2.9', extensions: ['webform', 'webform_ui'], enabled: true });
    expect(projects.gin).toMatchObject({ type: 'theme', version: '4.0.2' });
    expect(projects.gin_toolbar).toMatchObject({ type: 'module' });
    expect(projects.acme_core).toEqual({ project: 'acme_core', version: null, type: 'custom', extensions: ['acme_core'], enabled: true });
    expect(projects.acme_migrate).toMatchObject({ type: 'custom', enabled: false });
    expect(projects.acme_theme).toMatchObject({ type: 'custom', extensions: ['acme_theme'] });
  });

  it('reads site B (--no-core, 10.4.8): a legacy dev version and custom code with its own version', () => {
    const result = expectOk(parseModuleReport(readFixture('drush-pm-list.site-b.d10-4-8.no-core.json')));
    const projects = byProject(result.entries);
    expect(projects.drupal).toBeUndefined();
    expect(result.warnings).toEqual(['No Drupal core extensions in the report (was it run with --no-core?)']);
    expect(projects.config_ignore).toMatchObject({ version: '8.x-2.x-dev', type: 'module' });
    expect(projects.globex_search).toEqual({
      project: 'globex_search',
      version: '1.0.0',
      type: 'custom',
      extensions: ['globex_search'],
      enabled: true,
    });
    expect(projects.globex_theme).toMatchObject({ type: 'custom', version: null });
    expect(result.entries).toHaveLength(16);
  });

  it('reads site C (10.1.8) edge cases: pre-releases, a semver dev branch, a git checkout', () => {
    const result = expectOk(parseModuleReport(readFixture('drush-pm-list.site-c.d10-1-8.edge-cases.json')));
    const projects = byProject(result.entries);
    expect(projects.drupal).toMatchObject({ version: '10.1.8', type: 'core' });
    expect(projects.drupal?.extensions).toHaveLength(11);
    expect(projects.webform?.version).toBe('6.2.0-beta5');
    expect(projects.search_api_solr?.version).toBe('4.3.0-rc1');
    expect(projects.devel?.version).toBe('5.1.x-dev');
    expect(projects.ctools?.version).toBe('8.x-3.14');
    // A contrib checkout without packaging info keeps its project, version unknown.
    expect(projects.entity_browser).toMatchObject({ type: 'module', version: null });
    expect(projects.initech_api).toMatchObject({ type: 'custom', version: null });
    expect(result.entries).toHaveLength(10);
  });

  it('feeds the verdict: custom and unknown versions are not checked, the rest await data', () => {
    const result = expectOk(parseModuleReport(readFixture('drush-pm-list.site-c.d10-1-8.edge-cases.json')));
    const statuses = Object.fromEntries(
      result.entries.map((entry) => [
        entry.project,
        assessUpdateStatus({ version: entry.version, isCustom: entry.type === 'custom' }, null).status,
      ]),
    );
    expect(statuses.initech_api).toBe('not_checked');
    expect(statuses.webform).toBe('not_fetched');
    // Without data core reports "not fetched" before looking at the version.
    expect(statuses.entity_browser).toBe('not_fetched');
  });

  it('derives the project from the contrib path when Drush is older than 10.4 (no `project` key)', () => {
    const result = expectOk(
      parseModuleReport({
        purge_ui: { name: 'purge_ui', type: 'module', path: 'modules/contrib/purge/modules/purge_ui', status: 'Enabled', version: '8.x-3.6' },
        node: { name: 'node', type: 'module', path: 'core/modules/node', status: 'Enabled', version: '10.3.10' },
        mine: { name: 'mine', type: 'module', path: 'modules/mine', status: 'Enabled', version: null },
      }),
    );
    expect(result.entries.map((entry) => [entry.project, entry.type])).toEqual([
      ['drupal', 'core'],
      ['mine', 'custom'],
      ['purge', 'module'],
    ]);
  });

  it('treats modules/custom as custom even when a project is declared', () => {
    const result = expectOk(
      parseModuleReport({
        token: { type: 'module', project: 'token', path: 'modules/custom/token', status: 'Enabled', version: '8.x-1.15' },
      }),
    );
    expect(result.entries[0]).toMatchObject({ project: 'token', type: 'custom' });
  });

  it('keeps one entry per project and warns when extensions disagree on the version', () => {
    const result = expectOk(
      parseModuleReport({
        purge_ui: { type: 'module', project: 'purge', path: 'modules/contrib/purge/modules/purge_ui', status: 'Disabled', version: '8.x-3.5' },
        purge: { type: 'module', project: 'purge', path: 'modules/contrib/purge', status: 'Disabled', version: '8.x-3.6' },
      }),
    );
    expect(result.entries).toEqual([
      { project: 'purge', version: '8.x-3.6', type: 'module', extensions: ['purge', 'purge_ui'], enabled: false },
    ]);
    expect(result.warnings).toContain('purge: extensions report different versions (8.x-3.6, 8.x-3.5); using 8.x-3.6');
  });

  it('turns an unreadable version into null with a warning', () => {
    const result = expectOk(
      parseModuleReport({ foo: { type: 'module', project: 'foo', path: 'modules/contrib/foo', status: 'Enabled', version: 'VERSION' } }),
    );
    expect(result.entries[0]?.version).toBeNull();
    expect(result.warnings).toContain('foo: unreadable version "VERSION"; treated as unknown');
  });
});

describe('composer.lock', () => {
  it('reads drupal/* packages, core and custom packages', () => {
    const result = expectOk(parseModuleReport(readFixture('composer.site-d.d10-3-10.lock.json')));
    expect(result.format).toBe('composer-lock');
    expect(result.entries).toEqual([
      { project: 'admin_toolbar', version: '3.5.1', type: 'module', extensions: [], enabled: true },
      // composer dev-2.x; extra.drupal.version describes the branch head.
      { project: 'config_ignore', version: '8.x-2.x-dev', type: 'module', extensions: [], enabled: true },
      { project: 'devel', version: '5.1.x-dev', type: 'module', extensions: [], enabled: true },
      { project: 'drupal', version: '10.3.10', type: 'core', extensions: [], enabled: true },
      { project: 'gin', version: '4.0.2', type: 'theme', extensions: [], enabled: true },
      // drupal-module from another vendor: not on drupal.org.
      { project: 'globex_search', version: '1.0.0', type: 'custom', extensions: [], enabled: true },
      { project: 'initech_theme', version: null, type: 'custom', extensions: [], enabled: true },
      // No extra.drupal.version: the verdict maps 1.18.0 to 8.x-1.18 against the feed.
      { project: 'paragraphs', version: '1.18.0', type: 'module', extensions: [], enabled: true },
      { project: 'purge', version: '8.x-3.6', type: 'module', extensions: [], enabled: true },
      { project: 'token', version: '8.x-1.15', type: 'module', extensions: [], enabled: true },
      { project: 'webform', version: '6.2.0-beta5', type: 'module', extensions: [], enabled: true },
    ]);
    expect(result.warnings).toEqual(['initech/initech_theme: version "dev-main" has no drupal.org equivalent']);
  });

  it('reads packages-dev only when asked', () => {
    const lock = readFixture('composer.site-d.d10-3-10.lock.json');
    const withDev = expectOk(parseModuleReport(lock, { includeDevPackages: true }));
    expect(withDev.entries.map((entry) => entry.project)).toContain('stage_file_proxy');
    expect(withDev.entries.map((entry) => entry.project)).not.toContain('core-dev');
    const withoutDev = expectOk(parseModuleReport(lock));
    expect(withoutDev.entries.map((entry) => entry.project)).not.toContain('stage_file_proxy');
  });

  it('takes the core version from drupal/core over core-recommended, whatever the order', () => {
    const result = expectOk(
      parseModuleReport({
        packages: [
          { name: 'drupal/core-recommended', version: '10.3.9', type: 'metapackage' },
          { name: 'drupal/core', version: '10.3.10', type: 'drupal-core' },
        ],
      }),
    );
    expect(result.entries).toEqual([{ project: 'drupal', version: '10.3.10', type: 'core', extensions: [], enabled: true }]);
  });

  it('keeps the first of a package listed twice', () => {
    const result = expectOk(
      parseModuleReport({
        packages: [
          { name: 'drupal/token', version: '1.15.0', type: 'drupal-module', extra: { drupal: { version: '8.x-1.15' } } },
          { name: 'drupal/token', version: '1.14.0', type: 'drupal-module', extra: { drupal: { version: '8.x-1.14' } } },
        ],
      }),
    );
    expect(result.entries.map((entry) => entry.version)).toEqual(['8.x-1.15']);
    expect(result.warnings).toContain('drupal/token: listed more than once; kept the first');
  });
});

describe('canonical JSON', () => {
  it('reads the documented example', () => {
    const result = expectOk(
      parseModuleReport(
        JSON.stringify({
          modules: [
            { name: 'drupal', version: '10.3.10', type: 'core' },
            { name: 'token', version: '8.x-1.15' },
            { name: 'admin_toolbar_tools', project: 'admin_toolbar', version: '3.5.1', enabled: false },
            { name: 'gin', version: '4.0.2', type: 'theme' },
            { name: 'acme_core', version: null, type: 'custom' },
          ],
        }),
      ),
    );
    expect(result.format).toBe('canonical');
    expect(result.entries).toEqual([
      { project: 'acme_core', version: null, type: 'custom', extensions: ['acme_core'], enabled: true },
      { project: 'admin_toolbar', version: '3.5.1', type: 'module', extensions: ['admin_toolbar_tools'], enabled: false },
      { project: 'drupal', version: '10.3.10', type: 'core', extensions: [], enabled: true },
      { project: 'gin', version: '4.0.2', type: 'theme', extensions: ['gin'], enabled: true },
      { project: 'token', version: '8.x-1.15', type: 'module', extensions: ['token'], enabled: true },
    ]);
  });

  it('collapses core extensions and duplicate names deterministically', () => {
    const result = expectOk(
      parseModuleReport({
        modules: [
          { name: 'node', version: '10.3.10', type: 'core' },
          { name: 'token', version: '8.x-1.14' },
          { name: 'token', version: '8.x-1.15' },
          { name: 'system', version: '10.3.10', type: 'core' },
        ],
      }),
    );
    expect(result.entries).toEqual([
      { project: 'drupal', version: '10.3.10', type: 'core', extensions: ['node', 'system'], enabled: true },
      { project: 'token', version: '8.x-1.14', type: 'module', extensions: ['token'], enabled: true },
    ]);
    expect(result.warnings).toEqual([expect.stringContaining('token: extensions report different versions (8.x-1.14, 8.x-1.15)')]);
  });

  it('accepts composer versions and keeps drupal.org projects over custom code of the same name', () => {
    const result = expectOk(
      parseModuleReport({
        modules: [
          { name: 'token', version: '1.0.0', type: 'custom' },
          { name: 'token', version: '8.x-1.15' },
          { name: 'webform', version: 'dev-6.2.x' },
        ],
      }),
    );
    expect(result.entries).toEqual([
      { project: 'token', version: '8.x-1.15', type: 'module', extensions: ['token'], enabled: true },
      { project: 'webform', version: '6.2.x-dev', type: 'module', extensions: ['webform'], enabled: true },
    ]);
    expect(result.warnings).toEqual([expect.stringContaining('custom code and a drupal.org project share this name')]);
  });
});

describe('rejected reports', () => {
  it.each([
    ['not JSON', '{"modules": [', 'invalid_json'],
    ['a JSON array', '[]', 'unknown_format'],
    ['an empty object', '{}', 'unknown_format'],
    ['null', 'null', 'unknown_format'],
    ['a number', '42', 'unknown_format'],
    ['an unrelated object', '{"name": "site", "modules_count": 3}', 'unknown_format'],
    ['a drush-like object with a broken entry', '{"token": {"type": "module", "status": "Enabled", "version": 15}}', 'invalid_report'],
    ['a canonical report with a bad name', '{"modules": [{"name": "Bad-Name", "version": "1.0.0"}]}', 'invalid_report'],
    ['a canonical report without versions', '{"modules": [{"name": "token"}]}', 'invalid_report'],
    ['a canonical report with an unknown type', '{"modules": [{"name": "token", "version": "1.0.0", "type": "library"}]}', 'invalid_report'],
    ['modules that is not a list', '{"modules": {"token": "1.0.0"}}', 'invalid_report'],
    ['a composer.lock with malformed packages', '{"packages": [{"name": "drupal/token"}]}', 'invalid_report'],
  ])('rejects %s', (_label, body, code) => {
    const result = parseModuleReport(body);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe(code);
  });

  it('explains what is wrong', () => {
    const result = parseModuleReport({ modules: [{ name: 'Bad-Name', version: '1.0.0' }] });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid_report',
        message: 'The module report does not have the expected shape',
        issues: ['modules.0.name: must be a machine name ([a-z0-9_], up to 128 characters)'],
      },
    });
  });

  it(`caps every format at ${MAX_REPORT_ENTRIES} entries`, () => {
    const many = Array.from({ length: MAX_REPORT_ENTRIES + 1 }, (_, i) => `m${i}`);
    const canonical = { modules: many.map((name) => ({ name, version: '1.0.0' })) };
    const drush = Object.fromEntries(many.map((name) => [name, { type: 'module', status: 'Enabled', version: '1.0.0' }]));
    const composer = { packages: many.map((name) => ({ name: `drupal/${name}`, version: '1.0.0', type: 'drupal-module' })) };
    for (const report of [canonical, drush, composer]) {
      const result = parseModuleReport(report);
      expect(result).toEqual({
        ok: false,
        error: { code: 'too_many_entries', message: `The report lists ${MAX_REPORT_ENTRIES + 1} entries; the limit is ${MAX_REPORT_ENTRIES}`, issues: [] },
      });
    }
  });

  it(`accepts exactly ${MAX_REPORT_ENTRIES} entries`, () => {
    const modules = Array.from({ length: MAX_REPORT_ENTRIES }, (_, i) => ({ name: `m${i}`, version: '1.0.0' }));
    expect(expectOk(parseModuleReport({ modules })).entries).toHaveLength(MAX_REPORT_ENTRIES);
  });
});

describe('detectReportFormat', () => {
  it('tells the three formats apart', () => {
    expect(detectReportFormat(JSON.parse(readFixture('drush-pm-list.site-a.d10-3-10.json')))).toBe('drush-pm-list');
    expect(detectReportFormat(JSON.parse(readFixture('composer.site-d.d10-3-10.lock.json')))).toBe('composer-lock');
    expect(detectReportFormat({ modules: [] })).toBe('canonical');
    expect(detectReportFormat({ token: { type: 'module' } })).toBeNull();
  });
});
