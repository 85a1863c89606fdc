import { describe, expect, it } from 'vitest';
import { listReleaseHistoryFixtures, readReleaseHistoryFixture } from '../__fixtures__/paths';
import { hasReleaseType, INSECURE, parseReleaseHistory, SECURITY_UPDATE, versionRowsOf, type ReleaseHistory } from './release-history';

function parseOk(xml: string): ReleaseHistory {
  const result = parseReleaseHistory(xml);
  if (result.kind !== 'ok') throw new Error(`expected ok, got ${result.kind}: ${result.message}`);
  return result.project;
}

describe('parseReleaseHistory on core fixtures', () => {
  it('reads a legacy contrib history field by field (aaa_update_test.sec.8.x-1.2_8.x-2.2.xml)', () => {
    const project = parseOk(readReleaseHistoryFixture('aaa_update_test.sec.8.x-1.2_8.x-2.2.xml'));
    expect(project).toMatchObject({
      shortName: 'aaa_update_test',
      title: 'AAA Update test',
      projectStatus: 'published',
      supportedBranches: ['8.x-1.', '8.x-2.'],
      link: 'https://example.com/project/aaa_update_test',
      terms: { Projects: ['Modules'] },
    });
    // Document order is what core's algorithm walks.
    expect(project.releases.map((release) => release.version)).toEqual([
      '8.x-3.0-beta2',
      '8.x-3.0-beta1',
      '8.x-2.2',
      '8.x-2.1',
      '8.x-2.0',
      '8.x-1.2',
      '8.x-1.1',
      '8.x-1.0',
    ]);
    expect(project.releases[0]).toEqual({
      name: 'aaa_update_test 8.x-3.0-beta2',
      version: '8.x-3.0-beta2',
      tag: null,
      status: 'published',
      releaseLink: 'https://example.com/aaa_update_test-8-x-3-0-beta2-release',
      downloadLink: 'https://example.com/aaa_update_test-8-x-3-0-beta2.tar.gz',
      date: '2018-08-03T12:08:00.000Z',
      timestamp: 1533298080,
      releaseTypes: ['Bug fixes', 'New features'],
      terms: { 'Release type': ['Bug fixes', 'New features'] },
      security: { text: 'Beta releases are not covered by Drupal security advisories.', covered: null, attributes: {} },
      coreCompatibility: null,
    });
    const release21 = project.releases.find((release) => release.version === '8.x-2.1');
    expect(release21?.releaseTypes).toEqual(['New features', 'Bug fixes', 'Security update', 'Insecure']);
    expect(release21 && hasReleaseType(release21, SECURITY_UPDATE)).toBe(true);
    expect(release21 && hasReleaseType(release21, INSECURE)).toBe(true);
  });

  it('reads unpublished releases and the Unsupported term (drupal.8.1.0-unsupported.xml)', () => {
    const project = parseOk(readReleaseHistoryFixture('drupal.8.1.0-unsupported.xml'));
    expect(project.supportedBranches).toEqual(['8.1.']);
    expect(project.releases.find((release) => release.version === '8.0.2')?.status).toBe('unpublished');
    expect(project.releases.find((release) => release.version === '8.0.3')?.releaseTypes).toContain('Unsupported');
    expect(project.releases).toHaveLength(11);
  });

  it('reads core_compatibility (aaa_update_test.8.x-1.2.xml)', () => {
    const project = parseOk(readReleaseHistoryFixture('aaa_update_test.8.x-1.2.xml'));
    expect(project.releases.map((release) => release.coreCompatibility)).toEqual(['8.0.0 || 8.1.1', '^8', null, null]);
  });

  it('keeps a dev release without a date as date null (drupal.dev-no-date.xml)', () => {
    const project = parseOk(readReleaseHistoryFixture('drupal.dev-no-date.xml'));
    expect(project.releases).toHaveLength(1);
    expect(project.releases[0]).toMatchObject({ version: '8.1.x-dev', date: null, timestamp: null });
  });

  it('reads project_status flags (drupal.project_status.*.xml)', () => {
    for (const status of ['insecure', 'revoked', 'unsupported']) {
      expect(parseOk(readReleaseHistoryFixture(`drupal.project_status.${status}.0.2.xml`)).projectStatus).toBe(status);
    }
  });

  it('reports the <error> body as not-found (aaa_update_test.no-releases.xml)', () => {
    expect(parseReleaseHistory(readReleaseHistoryFixture('aaa_update_test.no-releases.xml'))).toEqual({
      kind: 'not-found',
      message: 'No release history was found for the requested project (aaa_update_test).',
    });
  });

  it('reports an empty <project/> as invalid, like core treats it as a failed fetch (drupal.broken.xml)', () => {
    const result = parseReleaseHistory(readReleaseHistoryFixture('drupal.broken.xml'));
    expect(result.kind).toBe('invalid');
    expect(result.kind === 'invalid' && result.message).toMatch(/short_name/);
  });

  it('parses every fixture into a result without throwing', () => {
    const kinds = Object.fromEntries(
      listReleaseHistoryFixtures().map((name) => [name, parseReleaseHistory(readReleaseHistoryFixture(name)).kind]),
    );
    expect(Object.keys(kinds)).toHaveLength(26);
    const notOk = Object.entries(kinds).filter(([, kind]) => kind !== 'ok');
    expect(notOk).toEqual([
      ['aaa_update_test.no-releases.xml', 'not-found'],
      ['drupal.broken.xml', 'invalid'],
    ]);
  });
});

describe('parseReleaseHistory on bad input', () => {
  it.each([
    ['an HTML error page', '<!DOCTYPE html><html><head><meta charset="utf-8"><title>502</title></head><body>Bad gateway</body></html>'],
    ['well-formed HTML', '<html><body><p>Service unavailable</p></body></html>'],
    ['plain text', 'Service Unavailable'],
    ['an empty body', ''],
    ['whitespace', '  \n '],
    ['JSON', '{"error":"nope"}'],
    ['truncated XML', '<?xml version="1.0"?><project><short_name>x</short_name><releases><release>'],
    ['a reserved element name', '<project><short_name>x</short_name><__proto__>z</__proto__></project>'],
    ['a project without short_name', '<project><title>X</title></project>'],
  ])('returns invalid for %s', (_label, body) => {
    const result = parseReleaseHistory(body);
    expect(result.kind).toBe('invalid');
    expect(result.kind === 'invalid' && result.message.length).toBeGreaterThan(0);
  });

  it('names the unexpected root element', () => {
    const result = parseReleaseHistory('<html><body><p>Service unavailable</p></body></html>');
    expect(result).toEqual({ kind: 'invalid', message: 'Expected a <project> or <error> root element, found <html>' });
  });

  it('returns invalid for a non-string instead of throwing', () => {
    expect(parseReleaseHistory(undefined as unknown as string).kind).toBe('invalid');
  });
});

describe('parseReleaseHistory details', () => {
  it('reads the live feed security attribute and double-encoded titles', () => {
    const project = parseOk(`<?xml version="1.0" encoding="utf-8"?>
      <project xmlns:dc="http://purl.org/dc/elements/1.1/">
        <title>Views Bulk Operations (VBO) &amp;amp; friends&amp;#039;</title>
        <short_name>vbo</short_name>
        <type>project_module</type>
        <supported_branches>4.2., 4.3.</supported_branches>
        <project_status>published</project_status>
        <releases>
          <release>
            <name>vbo 4.3.1</name><version>4.3.1</version><tag>4.3.1</tag><status>published</status>
            <release_link>https://www.drupal.org/project/vbo/releases/4.3.1</release_link>
            <date>1730409973</date>
            <security covered="1">Covered by Drupal's security advisory policy</security>
            <core_compatibility>^10.3 || ^11</core_compatibility>
          </release>
        </releases>
      </project>`);
    expect(project.title).toBe("Views Bulk Operations (VBO) & friends'");
    expect(project.type).toBe('project_module');
    expect(project.supportedBranches).toEqual(['4.2.', '4.3.']);
    expect(project.releases[0]).toMatchObject({
      tag: '4.3.1',
      downloadLink: null,
      releaseTypes: [],
      security: { text: "Covered by Drupal's security advisory policy", covered: true, attributes: { covered: '1' } },
      coreCompatibility: '^10.3 || ^11',
    });
  });

  it('skips releases core would reject, with a warning, and keeps the rest', () => {
    const result = parseReleaseHistory(`<project><short_name>p</short_name><releases>
        <release><version>1.0.1</version><status>pending</status></release>
        <release><status>published</status></release>
        <release><version>1.0.0</version><status>published</status></release>
      </releases></project>`);
    expect(result.kind).toBe('ok');
    if (result.kind !== 'ok') return;
    expect(result.project.releases.map((release) => release.version)).toEqual(['1.0.0']);
    expect(result.warnings).toHaveLength(2);
    expect(result.warnings[0]).toMatch(/#1/);
  });

  it('keeps one release per version, at the first position with the later data (as core keys by version)', () => {
    const project = parseOk(`<project><short_name>p</short_name><releases>
        <release><version>1.1.0</version><status>published</status></release>
        <release><version>1.0.0</version><status>published</status><date>1</date></release>
        <release><version>1.1.0</version><status>unpublished</status></release>
      </releases></project>`);
    expect(project.releases.map((release) => [release.version, release.status])).toEqual([
      ['1.1.0', 'unpublished'],
      ['1.0.0', 'published'],
    ]);
  });

  it('reads the first of repeated <terms> elements, as SimpleXML does', () => {
    const project = parseOk(`<project><short_name>p</short_name><releases><release>
        <version>1.0.0</version><status>published</status>
        <terms><term><name>Release type</name><value>Insecure</value></term></terms>
        <terms><term><name>Release type</name><value>Bug fixes</value></term></terms>
      </release></releases></project>`);
    expect(project.releases[0]?.releaseTypes).toEqual(['Insecure']);
  });

  it('accepts a project with no releases', () => {
    const project = parseOk('<project><short_name>p</short_name><releases/></project>');
    expect(project.releases).toEqual([]);
    expect(project.supportedBranches).toEqual([]);
  });
});

describe('versionRowsOf', () => {
  it('flags each release from its release types and status (drupal.sec.8.1.2_insecure-unsupported.xml, drupal.8.1.0-unsupported.xml)', () => {
    const sec = versionRowsOf(parseOk(readReleaseHistoryFixture('drupal.sec.8.1.2_insecure-unsupported.xml')));
    expect(sec.find((r) => r.version === '8.1.2')).toMatchObject({ is_published: true, is_security_release: true, is_insecure: false });
    expect(sec.find((r) => r.version === '8.1.1')).toMatchObject({ is_security_release: false, is_insecure: true });
    const unsupported = versionRowsOf(parseOk(readReleaseHistoryFixture('drupal.8.1.0-unsupported.xml')));
    expect(unsupported.find((r) => r.version === '8.0.3')).toMatchObject({ is_unsupported: true, release_link: 'https://example.com/drupal-8-0-3-release' });
    expect(unsupported.find((r) => r.version === '8.0.2')?.is_published).toBe(false);
    expect(unsupported).toHaveLength(11);
  });
});
