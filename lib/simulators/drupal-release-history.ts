import crypto from 'node:crypto';
import { FaultState, startSimServer, type RequestLog, type SimResponse, type SimulatorFaults } from '@/lib/simulators/server';

// A stand-in for updates.drupal.org's release-history service: a real HTTP
// server on loopback serving `/{project}/current` from XML it is given (core's
// fixtures in tests, generated histories in demo mode), with ETag and
// Last-Modified, and injectable faults: 429, 500, slow answers, HTML error
// pages and `<error>` bodies.

export type ReleaseHistoryFaults = SimulatorFaults & {
  /** Projects answered with an HTML error page (200, text/html). */
  htmlFor?: string[];
  /** Projects answered with drupal.org's `<error>` body although they exist. */
  errorBodyFor?: string[];
};

export type ReleaseHistorySimulator = {
  url: string;
  requests: RequestLog;
  setProject(name: string, xml: string): void;
  setFaults(faults: ReleaseHistoryFaults): void;
  resetFaults(): void;
  close(): Promise<void>;
};

const LAST_MODIFIED = new Date(Date.UTC(2026, 0, 1)).toUTCString();

export const errorBody = (project: string) =>
  `<?xml version="1.0" encoding="utf-8"?>\n<error>No release history was found for the requested project (${project}).</error>\n`;

export async function startReleaseHistorySimulator(projects: Record<string, string> = {}): Promise<ReleaseHistorySimulator> {
  const data = new Map(Object.entries(projects));
  const faults = new FaultState();
  let extra: Pick<ReleaseHistoryFaults, 'htmlFor' | 'errorBodyFor'> = {};

  const server = await startSimServer(async (request): Promise<SimResponse> => {
    const match = /^\/([a-z0-9_]+)\/current$/.exec(request.url.pathname);
    if (request.method !== 'GET' || !match) return { status: 404, raw: 'Not found', headers: { 'content-type': 'text/plain' } };
    const project = match[1]!;
    const delay = faults.takeDelay();
    if (delay > 0 && !(await request.delay(delay))) return { status: 499, raw: '' };
    const fault = faults.takeApiFault();
    if (fault?.kind === 'rate_limit') return { status: 429, raw: 'Too many requests', headers: { 'retry-after': fault.retryAfter } };
    if (fault?.kind === 'server') return { status: 500, raw: '<html><body>Internal Server Error</body></html>', headers: { 'content-type': 'text/html' } };
    if (extra.htmlFor?.includes(project)) {
      return { status: 200, raw: '<!DOCTYPE html><html><body><h1>Service temporarily unavailable</h1></body></html>', headers: { 'content-type': 'text/html' } };
    }
    const xml = data.get(project);
    if (xml === undefined || extra.errorBodyFor?.includes(project)) {
      return { status: 200, raw: errorBody(project), headers: { 'content-type': 'application/xml; charset=utf-8' } };
    }
    const etag = `"${crypto.createHash('sha1').update(xml).digest('hex').slice(0, 16)}"`;
    const validators = { etag, 'last-modified': LAST_MODIFIED };
    if (request.headers['if-none-match'] === etag) return { status: 304, raw: '', headers: validators };
    return { status: 200, raw: xml, headers: { 'content-type': 'application/xml; charset=utf-8', ...validators } };
  });

  return {
    url: server.url,
    requests: server.requests,
    setProject: (name, xml) => void data.set(name, xml),
    setFaults: (next) => {
      const { htmlFor, errorBodyFor, ...common } = next;
      faults.set(common);
      extra = { htmlFor: htmlFor ?? extra.htmlFor, errorBodyFor: errorBodyFor ?? extra.errorBodyFor };
    },
    resetFaults: () => {
      faults.reset();
      extra = {};
    },
    close: server.close,
  };
}

// ---------------------------------------------------------------------------
// Generated histories (demo mode, benchmarks)

export type GeneratedRelease = {
  version: string;
  /** Days before `asOf` the release came out. */
  daysAgo: number;
  security?: boolean;
  insecure?: boolean;
  unsupported?: boolean;
  coreCompatibility?: string;
};

export type GeneratedProject = {
  shortName: string;
  title?: string;
  type?: 'project_core' | 'project_module' | 'project_theme';
  supportedBranches: string[];
  projectStatus?: 'published' | 'unsupported' | 'insecure' | 'revoked';
  /** Newest first, per major, as drupal.org orders them. */
  releases: GeneratedRelease[];
};

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A release history in drupal.org's format. */
export function generateReleaseHistoryXml(project: GeneratedProject, asOf: Date = new Date()): string {
  const name = project.shortName;
  const link = `https://www.drupal.org/project/${name}`;
  const releases = project.releases
    .map((release) => {
      const types = [
        release.security ? 'Security update' : 'Bug fixes',
        ...(release.insecure ? ['Insecure'] : []),
        ...(release.unsupported ? ['Unsupported'] : []),
      ];
      const timestamp = Math.floor((asOf.getTime() - release.daysAgo * 86_400_000) / 1000);
      const slug = release.version.replace(/\./g, '-');
      return [
        '  <release>',
        `   <name>${escapeXml(name)} ${escapeXml(release.version)}</name>`,
        `   <version>${escapeXml(release.version)}</version>`,
        '   <status>published</status>',
        `   <release_link>${link}/releases/${escapeXml(release.version)}</release_link>`,
        `   <download_link>https://ftp.drupal.org/files/projects/${escapeXml(name)}-${escapeXml(slug)}.tar.gz</download_link>`,
        `   <date>${timestamp}</date>`,
        '   <terms>',
        ...types.map((t) => `    <term><name>Release type</name><value>${t}</value></term>`),
        '   </terms>',
        /-(alpha|beta|rc|dev)/.test(release.version)
          ? '   <security covered="0">Pre-releases are not covered by Drupal security advisories.</security>'
          : '   <security covered="1">Covered by Drupal\'s security advisory policy</security>',
        ...(release.coreCompatibility ? [`   <core_compatibility>${escapeXml(release.coreCompatibility)}</core_compatibility>`] : []),
        '  </release>',
      ].join('\n');
    })
    .join('\n');
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<project xmlns:dc="http://purl.org/dc/elements/1.1/">',
    ` <title>${escapeXml(project.title ?? name)}</title>`,
    ` <short_name>${escapeXml(name)}</short_name>`,
    ' <dc:creator>Drupal</dc:creator>',
    ` <type>${project.type ?? 'project_module'}</type>`,
    ` <supported_branches>${project.supportedBranches.join(',')}</supported_branches>`,
    ` <project_status>${project.projectStatus ?? 'published'}</project_status>`,
    ` <link>${link}</link>`,
    ' <releases>',
    releases,
    ' </releases>',
    '</project>',
    '',
  ].join('\n');
}
