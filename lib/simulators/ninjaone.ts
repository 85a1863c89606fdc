import { randomBytes } from 'node:crypto';
import { CLIENT_GONE, Faults, MALFORMED_JSON, retryAfterHeader, startSimServer, type SimRequest, type SimResponse, type SimServerOptions, type SimulatorHandle } from './server';
import { generateFleet } from './fleet/generate';
import type { Fleet, FleetNinjaDevice, FleetOptions } from './fleet/types';

// A NinjaOne Public API v2 look-alike on loopback: OAuth2 token endpoint
// (client credentials and refresh token grants, expiring bearer tokens),
// keyset paging with `after`/`pageSize`, the cursor-paged custom-fields
// query, the `df` device filter, and injectable faults (all of server.ts's
// kinds; `page` targets a device-listing page). Bodies have the shape of the
// documented ones in lib/vendors/ninjaone/fixtures (its conformance.test.ts
// checks it).

export interface NinjaOneSimulatorOptions extends SimServerOptions {
  /** A fleet to serve (shared with the ThreatLocker simulator) or options to generate one. */
  fleet?: Fleet | FleetOptions;
  clientId?: string;
  clientSecret?: string;
  /** Accepted by the refresh_token grant. */
  refreshToken?: string;
  /** Access token lifetime. Default 3600 s, as NinjaOne. */
  tokenTtlSeconds?: number;
  /** Issue a new refresh token on each refresh and retire the old one. Default false. */
  rotateRefreshTokens?: boolean;
  /** Page size when the request names none. Default 1000. */
  defaultPageSize?: number;
}

export interface NinjaOneSimulator extends SimulatorHandle {
  fleet: Fleet;
  /** Credentials the token endpoint accepts; `refreshToken` follows rotation. */
  readonly credentials: { clientId: string; clientSecret: string; refreshToken: string };
  /** Access tokens issued so far. */
  readonly tokensIssued: number;
}

const NINJAONE_SIM_CLIENT_ID = 'sim-ninjaone-client';
const NINJAONE_SIM_CLIENT_SECRET = 'sim-ninjaone-secret';
const NINJAONE_SIM_REFRESH_TOKEN = 'sim-ninjaone-refresh';

const MAX_PAGE_SIZE = 10_000;

type Json = Record<string, unknown>;

function error(status: number, body: Json, headers?: Record<string, string>): SimResponse {
  return { status, json: body, headers };
}

function apiError(status: number, message: string, resultCode: string): SimResponse {
  return error(status, { errorMessage: message, resultCode, incidentId: randomBytes(6).toString('hex') });
}

/** Renders a fleet device as `GET /v2/devices-detailed` does. */
function renderNinjaDevice(device: FleetNinjaDevice): Json {
  const netbios = device.systemName.slice(0, 15);
  const base: Json = {
    id: device.id,
    uid: device.uid,
    organizationId: device.organizationId,
    locationId: device.locationId,
    nodeClass: device.nodeClass,
    nodeRoleId: device.nodeClass === 'WINDOWS_SERVER' ? 1002 : 1,
    rolePolicyId: device.nodeClass === 'WINDOWS_SERVER' ? 57 : 12,
    approvalStatus: 'APPROVED',
    offline: device.offline,
    ...(device.displayName === null ? {} : { displayName: device.displayName }),
    systemName: device.systemName,
    dnsName: device.domain && device.domain.includes('.') ? `${device.systemName}.${device.domain}` : device.systemName,
    netbiosName: netbios,
    created: device.created,
    lastContact: device.lastContact,
    lastUpdate: device.lastContact,
    tags: [],
    ipAddresses: [device.ipAddress],
    macAddresses: [device.macAddress],
    publicIP: device.publicIp,
  };
  if (device.nodeClass === 'VMWARE_VM_GUEST') return base; // no agent: no inventory blocks
  return {
    ...base,
    os: {
      manufacturer: device.os.manufacturer,
      name: device.os.name,
      architecture: device.os.architecture,
      lastBootTime: device.os.lastBootTime,
      buildNumber: device.os.buildNumber,
      releaseId: device.os.releaseId,
      servicePackMajorVersion: 0,
      servicePackMinorVersion: 0,
      locale: device.os.locale,
      language: 'English',
      needsReboot: device.os.needsReboot,
    },
    system: {
      name: netbios,
      manufacturer: device.manufacturer,
      model: device.model,
      biosSerialNumber: device.serialNumber,
      serialNumber: device.serialNumber,
      // Not joined to a domain: an empty string, as the documented type is string.
      domain: device.domain ?? '',
      domainRole: device.nodeClass === 'WINDOWS_SERVER' ? 'Member Server' : 'Member Workstation',
      numberOfProcessors: 1,
      totalPhysicalMemory: device.ramBytes,
      virtualMachine: device.virtualMachine,
      chassisType: device.chassisType,
    },
    memory: { capacity: device.ramBytes },
    processors: [
      {
        architecture: device.cpu.architecture,
        maxClockSpeed: device.cpu.clockHz,
        clockSpeed: device.cpu.clockHz,
        name: device.cpu.name,
        numCores: device.cpu.cores,
        numLogicalCores: device.cpu.logicalCores,
      },
    ],
    volumes: device.volumes.map((volume) => ({
      name: volume.name,
      label: volume.label,
      deviceType: 'Local Disk',
      fileSystem: device.nodeClass.startsWith('WINDOWS') ? 'NTFS' : 'APFS',
      autoMount: false,
      compressed: false,
      capacity: volume.capacity,
      freeSpace: volume.freeSpace,
      serialNumber: volume.serialNumber,
    })),
    lastLoggedInUser: device.lastLoggedInUser,
    deviceType: 'AgentDevice',
  };
}

// --- the `df` device filter -------------------------------------------------

type DevicePredicate = (device: FleetNinjaDevice) => boolean;

/** Parses the subset of NinjaOne's device filter the clients use; throws on anything else. */
function parseDeviceFilter(df: string | null): DevicePredicate {
  if (df === null || df.trim() === '') return () => true;
  const clauses = df.split(/\s+AND\s+/i).map((clause) => clause.trim());
  const predicates = clauses.map((clause): DevicePredicate => {
    if (/^online$/i.test(clause)) return (d) => !d.offline;
    if (/^offline$/i.test(clause)) return (d) => d.offline;
    const match = /^(org|loc|id|class)\s*(=|eq|neq|in|notin)\s*(.+)$/i.exec(clause);
    if (!match) throw new Error(`Invalid device filter: ${clause}`);
    const [, field = '', op = '', rawValue = ''] = match;
    const values = rawValue.trim().replace(/^\(|\)$/g, '').split(',').map((v) => v.trim()).filter(Boolean);
    const get = (d: FleetNinjaDevice): string =>
      String(field.toLowerCase() === 'org' ? d.organizationId : field.toLowerCase() === 'loc' ? d.locationId : field.toLowerCase() === 'id' ? d.id : d.nodeClass);
    const lowerOp = op.toLowerCase();
    if (lowerOp === 'neq' || lowerOp === 'notin') return (d) => !values.includes(get(d));
    return (d) => values.includes(get(d));
  });
  return (device) => predicates.every((p) => p(device));
}

/** Keyset paging over records sorted by ascending numeric id: first index with id > after. */
function firstIndexAfter<T>(items: readonly T[], after: number, idOf: (item: T) => number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (idOf(items[mid] as T) <= after) low = mid + 1;
    else high = mid;
  }
  return low;
}

function parsePageSize(raw: string | null, fallback: number): number | null {
  if (raw === null) return fallback;
  const value = Number(raw);
  return Number.isInteger(value) && value >= 1 && value <= MAX_PAGE_SIZE ? value : null;
}

function parseAfter(raw: string | null): number | null {
  if (raw === null || raw === '') return -Infinity;
  const value = Number(raw);
  return Number.isFinite(value) ? value : null;
}

export async function startNinjaOneSimulator(options: NinjaOneSimulatorOptions = {}): Promise<NinjaOneSimulator> {
  const fleet = options.fleet && 'ninjaDevices' in options.fleet ? options.fleet : generateFleet(options.fleet);
  const clientId = options.clientId ?? NINJAONE_SIM_CLIENT_ID;
  const clientSecret = options.clientSecret ?? NINJAONE_SIM_CLIENT_SECRET;
  let refreshToken = options.refreshToken ?? NINJAONE_SIM_REFRESH_TOKEN;
  const ttlSeconds = options.tokenTtlSeconds ?? 3600;
  const defaultPageSize = options.defaultPageSize ?? 1000;
  const faults = new Faults();
  const tokens = new Map<string, number>(); // token → expiry (epoch ms)
  let tokensIssued = 0;
  const cursors = new Map<string, { items: FleetNinjaDevice[]; offset: number; fields: string[] | null; expires: number }>();

  const devices = [...fleet.ninjaDevices].sort((a, b) => a.id - b.id);
  const organizations = [...fleet.organizations].sort((a, b) => a.ninjaId - b.ninjaId);
  const locations = fleet.organizations
    .flatMap((org) => org.locations.map((location) => ({ org, location })))
    .sort((a, b) => a.location.ninjaId - b.location.ninjaId);

  function issueToken(withRefresh: boolean): SimResponse {
    const token = `sim-at-${++tokensIssued}-${randomBytes(12).toString('hex')}`;
    tokens.set(token, Date.now() + ttlSeconds * 1000);
    const body: Json = { access_token: token, token_type: 'Bearer', expires_in: ttlSeconds, scope: 'monitoring management' };
    if (withRefresh) {
      if (options.rotateRefreshTokens) refreshToken = `sim-rt-${randomBytes(12).toString('hex')}`;
      body.refresh_token = refreshToken;
    }
    return { status: 200, json: body, headers: { 'cache-control': 'no-store' } };
  }

  function handleToken(request: SimRequest): SimResponse {
    if (request.method !== 'POST') return error(405, { error: 'invalid_request', error_description: 'Use POST' });
    const form = new URLSearchParams(request.body);
    let id = form.get('client_id');
    let secret = form.get('client_secret');
    const basic = /^Basic\s+(.+)$/i.exec(request.headers.authorization ?? '');
    if (basic?.[1]) {
      const [user = '', pass = ''] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
      id = decodeURIComponent(user);
      secret = decodeURIComponent(pass);
    }
    if (faults.take({ path: request.route }, 'unauthorized') || id !== clientId || secret !== clientSecret) {
      return error(401, { error: 'invalid_client', error_description: 'Client authentication failed' });
    }
    const grant = form.get('grant_type');
    if (grant === 'client_credentials') return issueToken(false);
    if (grant === 'refresh_token') {
      if (form.get('refresh_token') !== refreshToken) {
        return error(400, { error: 'invalid_grant', error_description: 'Invalid refresh token' });
      }
      return issueToken(true);
    }
    return error(400, { error: 'unsupported_grant_type', error_description: `Unsupported grant type: ${grant ?? '(none)'}` });
  }

  function authorised(request: SimRequest): boolean {
    if (faults.take({ path: request.route }, 'unauthorized')) return false;
    const match = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '');
    if (!match?.[1]) return false;
    const expiry = tokens.get(match[1]);
    return expiry !== undefined && expiry > Date.now();
  }

  function keysetPage<T>(request: SimRequest, items: readonly T[], idOf: (item: T) => number): { page: T[]; pageNumber: number } | SimResponse {
    const pageSize = parsePageSize(request.url.searchParams.get('pageSize'), defaultPageSize);
    if (pageSize === null) return apiError(400, 'pageSize must be an integer between 1 and 10000', 'INVALID_PARAMETER');
    const after = parseAfter(request.url.searchParams.get('after'));
    if (after === null) return apiError(400, 'after must be a number', 'INVALID_PARAMETER');
    const start = after === -Infinity ? 0 : firstIndexAfter(items, after, idOf);
    return { page: items.slice(start, start + pageSize), pageNumber: Math.floor(start / pageSize) + 1 };
  }

  function handleDevices(request: SimRequest): SimResponse {
    let predicate: DevicePredicate;
    try {
      predicate = parseDeviceFilter(request.url.searchParams.get('df'));
    } catch (e) {
      return apiError(400, (e as Error).message, 'INVALID_FILTER');
    }
    const filtered = request.url.searchParams.get('df') ? devices.filter(predicate) : devices;
    const result = keysetPage(request, filtered, (d) => d.id);
    if ('status' in result) return result;
    const fault = faults.take({ path: request.route, page: result.pageNumber }, 'malformed_json', 'empty_body');
    if (fault?.kind === 'malformed_json') return { status: 200, raw: MALFORMED_JSON, headers: { 'content-type': 'application/json' } };
    if (fault?.kind === 'empty_body' && result.page.length > 0) return { status: 200, raw: '' };
    return { status: 200, json: result.page.map(renderNinjaDevice) };
  }

  function handleOrganizations(request: SimRequest): SimResponse {
    const result = keysetPage(request, organizations, (o) => o.ninjaId);
    if ('status' in result) return result;
    return {
      status: 200,
      json: result.page.map((org) => ({
        id: org.ninjaId,
        name: org.ninjaName,
        description: '',
        userData: {},
        nodeApprovalMode: 'AUTOMATIC',
        tags: [],
        fields: {},
      })),
    };
  }

  function handleLocations(request: SimRequest): SimResponse {
    const result = keysetPage(request, locations, (l) => l.location.ninjaId);
    if ('status' in result) return result;
    return {
      status: 200,
      json: result.page.map(({ org, location }) => ({
        name: location.name,
        address: location.address,
        description: location.isSpare ? 'Devices kept in stock' : '',
        userData: {},
        tags: [],
        fields: {},
        id: location.ninjaId,
        organizationId: org.ninjaId,
      })),
    };
  }

  function handleCustomFields(request: SimRequest): SimResponse {
    const params = request.url.searchParams;
    const pageSize = parsePageSize(params.get('pageSize'), defaultPageSize);
    if (pageSize === null) return apiError(400, 'pageSize must be an integer between 1 and 10000', 'INVALID_PARAMETER');
    const cursorName = params.get('cursor');
    let cursor = cursorName ? cursors.get(cursorName) : undefined;
    if (cursorName && (!cursor || cursor.expires < Date.now())) {
      return apiError(400, 'Cursor is invalid or expired', 'INVALID_CURSOR');
    }
    let name = cursorName ?? '';
    if (!cursor) {
      let predicate: DevicePredicate;
      try {
        predicate = parseDeviceFilter(params.get('df'));
      } catch (e) {
        return apiError(400, (e as Error).message, 'INVALID_FILTER');
      }
      const fieldsParam = params.get('fields');
      const fields = fieldsParam ? fieldsParam.split(',').map((f) => f.trim()).filter(Boolean) : null;
      const items = devices.filter(
        (d) => d.customFields !== null && predicate(d) && (fields === null || fields.some((f) => f in (d.customFields ?? {}))),
      );
      name = randomBytes(16).toString('hex');
      cursor = { items, offset: 0, fields, expires: Date.now() + 15 * 60_000 };
      cursors.set(name, cursor);
    }
    const page = cursor.items.slice(cursor.offset, cursor.offset + pageSize);
    const offset = cursor.offset;
    cursor.offset += page.length;
    const wanted = cursor.fields;
    return {
      status: 200,
      json: {
        cursor: { name, offset, count: page.length, expires: cursor.expires / 1000 },
        results: page.map((device) => ({
          deviceId: device.id,
          fields: wanted
            ? Object.fromEntries(wanted.filter((f) => f in (device.customFields ?? {})).map((f) => [f, device.customFields?.[f]]))
            : device.customFields,
        })),
      },
    };
  }

  async function handle(request: SimRequest): Promise<SimResponse> {
    if (request.route === '/ws/oauth/token') return handleToken(request);
    if (!request.route.startsWith('/v2/')) return apiError(404, 'Not found', 'NOT_FOUND');

    if (!(await faults.wait(request, { path: request.route }))) return CLIENT_GONE;
    if (!authorised(request)) {
      return error(401, { error: 'invalid_token', error_description: 'Access token is missing, invalid or expired' }, { 'www-authenticate': 'Bearer error="invalid_token"' });
    }
    const fault = faults.take({ path: request.route }, 'rate_limit', 'server_error');
    if (fault?.kind === 'rate_limit') {
      return { status: 429, json: { errorMessage: 'Too many requests', resultCode: 'RATE_LIMITED' }, headers: retryAfterHeader(fault) };
    }
    if (fault?.kind === 'server_error') return apiError(fault.status ?? 500, 'Internal server error', 'FAILURE');
    if (request.method !== 'GET') return apiError(405, 'Method not allowed', 'METHOD_NOT_ALLOWED');

    switch (request.route) {
      case '/v2/devices-detailed':
        return handleDevices(request);
      case '/v2/organizations':
        return handleOrganizations(request);
      case '/v2/locations':
        return handleLocations(request);
      case '/v2/queries/custom-fields':
        return handleCustomFields(request);
      default:
        return apiError(404, `No such endpoint: ${request.url.pathname}`, 'NOT_FOUND');
    }
  }

  const server = await startSimServer(handle, options);
  return {
    url: server.url,
    close: server.close,
    requests: server.requests,
    fleet,
    setFaults(rules) {
      for (const rule of faults.set(rules)) if (rule.kind === 'expired_token') for (const token of tokens.keys()) tokens.set(token, 0);
    },
    resetFaults() {
      faults.reset();
    },
    get credentials() {
      return { clientId, clientSecret, refreshToken };
    },
    get tokensIssued() {
      return tokensIssued;
    },
  };
}
