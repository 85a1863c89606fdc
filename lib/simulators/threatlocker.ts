import { randomBytes } from 'node:crypto';
import { CLIENT_GONE, Faults, MALFORMED_JSON, retryAfterHeader, startSimServer, type SimRequest, type SimResponse, type SimServerOptions, type SimulatorHandle } from './server';
import { generateFleet } from './fleet/generate';
import type { Fleet, FleetOptions, FleetOrganization, FleetThreatLockerComputer } from './fleet/types';

// A ThreatLocker Portal API look-alike on loopback: the raw API key in
// `Authorization`, the tenant in `ManagedOrganizationId`, paged POST searches
// that answer a bare array with totals in a `pagination` header and a
// zero-byte body when a page is empty, the child-organisation list, and the
// get-for-edit / update-for-edit pair used to rename a computer, and
// injectable faults (all of server.ts's kinds; `page` targets a page of the
// computer search). Bodies have the shape of the documented ones in
// lib/vendors/threatlocker/fixtures (its conformance.test.ts checks it).

export interface ThreatLockerSimulatorOptions extends SimServerOptions {
  fleet?: Fleet | FleetOptions;
  apiKey?: string;
  /**
   * How totals are sent: `json` = one `pagination` header (default), `split` =
   * separate `totalItems`/`totalPages` headers (some community clients read
   * these), `none` = no headers (rows still carry `totalRows`, unless
   * `rowTotals` is false).
   */
  paginationHeader?: 'json' | 'split' | 'none';
  /** Include `totalRows` in each row. Default true. */
  rowTotals?: boolean;
}

export interface ThreatLockerSimulator extends SimulatorHandle {
  fleet: Fleet;
  readonly apiKey: string;
  /** The MSP's own organisation: use it as ManagedOrganizationId to see every client. */
  readonly parentOrganizationId: string;
}

const THREATLOCKER_SIM_API_KEY = 'sim-threatlocker-api-key';

type Json = Record<string, unknown>;

const ROUTES = {
  computers: '/portalapi/computer/computergetbyallparameters',
  forEdit: '/portalapi/computer/computergetforeditbyid',
  updateForEdit: '/portalapi/computer/computerupdateforedit',
  organizations: '/portalapi/organization/organizationgetchildorganizationsbyparameters',
} as const;

const MAINTENANCE_TYPE: Record<string, number> = {
  Secure: 0,
  'Monitor Only': 1,
  'Installation Mode': 2,
  'Application Control Learning Mode': 3,
};

function tlError(status: number, message: string, headers?: Record<string, string>): SimResponse {
  return { status, json: { LoggerId: randomBytes(8).toString('hex'), StatusCode: status, Message: message }, headers };
}

/** Learning mode runs for a set time: here, until midnight UTC a week after the last check-in. */
function learningEnds(lastCheckin: string): string {
  const day = new Date(Date.parse(lastCheckin) + 7 * 86_400_000).toISOString().slice(0, 10);
  return `${day}T00:00:00Z`;
}

/** Renders a fleet computer as `ComputerGetByAllParameters` does (the documented field set). */
function renderThreatLockerComputer(computer: FleetThreatLockerComputer, org: FleetOrganization, totalRows: number | null): Json {
  const [major = '0', minor = '0'] = computer.threatLockerVersion.split('.');
  const learning = computer.mode === 'Application Control Learning Mode';
  const row: Json = {
    action: computer.mode,
    application: '',
    appliesToType: '',
    computerGroupId: computer.computerGroupId,
    computerId: computer.computerId,
    dateAdded: computer.dateAdded,
    dateCreated: null,
    driverStatusString: 'Active',
    group: computer.group,
    hostname: computer.hostname,
    installDate: computer.installDate,
    lastCheckin: computer.lastCheckin,
    lastCheckinIPAddress: computer.ipAddress,
    computerName: computer.computerName,
    operatingSystem: computer.operatingSystem,
    organization: org.threatLockerName,
    organizationId: org.threatLockerId,
    osType: computer.osType,
    threatLockerVersion: computer.threatLockerVersion,
    threatLockerVersionId: '0b7e4a1c-2d3f-4e5a-9b8c-7d6e5f4a3b2c',
    newThreatLockerVersion: '',
    serviceVersion: computer.threatLockerVersion,
    uploadBaseFile: false,
    restartComputerNeeded: false,
    shouldRestart: false,
    serialNumber: computer.serialNumber,
    maintenanceTypeId: MAINTENANCE_TYPE[computer.mode] ?? 0,
    startDateTime: null,
    isTamperProtectionDisabled: false,
    isLearningMoreThanFourDays: false,
    mode: computer.mode,
    versionMajor: Number(major),
    versionMinor: Number(minor),
    isLockDownMode: false,
    isOpsAlertsDisabled: false,
    isIsolationMode: computer.isIsolated,
    progressBarLearning: 0,
    isLearningModeMoreThanSeven: false,
    isLearningModeLongerThanFiveYears: false,
    maintenanceEndDate: null,
    ipOperatingSystem: '',
    hasComputerPassword: false,
    hasAtLeastOneCheckin: true,
    hasInstalationAtLeastSevenDaysAgo: true,
    isReadyToSecure: learning,
    isNeededReview: false,
    hasZeroDeniesFourDays: computer.denyCountThreeDays === 0,
    lastCheckinLocalIPAddresses: [computer.ipAddress],
    denyCountOneDay: computer.denyCountOneDay,
    denyCountSevenDays: computer.denyCountSevenDays,
    denyCountThreeDays: computer.denyCountThreeDays,
    isInheritFromGroup: true,
    hasUnknownVersion: false,
    isIsolated: computer.isIsolated,
    isLockedOut: computer.isLockedOut,
    hasConfigManagerProduct: false,
    maintenenceBannerIds: [],
    targetThreatLockerVersion: '',
    isDeleted: false,
    username: computer.username,
    fullCheckinDateTime: computer.lastCheckin,
    fullCheckinMemoryUsage: '0',
    fullCheckinIPAddress: `203.0.113.${10 + (org.index % 200)}`,
    isElevated: false,
    activeMaintenanceModes: learning ? [{ maintenanceTypeId: 3, maintenanceEndDate: learningEnds(computer.lastCheckin) }] : [],
    appControlLearningModeActive: learning,
    maintenanceTicketRequiredParameter: '',
    maintenanceCapabilities: { applicationControl: true, networkControl: true, storageControl: true, elevation: true, tamper: true, detect: false },
  };
  if (totalRows !== null) row.totalRows = totalRows;
  return row;
}

function renderForEdit(computer: FleetThreatLockerComputer, org: FleetOrganization): Json {
  return {
    computerId: computer.computerId,
    name: computer.computerName,
    hostname: computer.hostname,
    computerGroupId: computer.computerGroupId,
    computerGroupName: computer.group,
    organizationId: org.threatLockerId,
    organizationName: org.threatLockerName,
    operatingSystem: computer.operatingSystem,
    osType: computer.osType,
    lastCheckin: computer.lastCheckin,
    options: [],
    aliases: [],
    useProxyServer: false,
    proxyServerOption: '',
    proxyUrlEntry: '',
    proxyURL: '',
  };
}

function parseJsonBody(body: string): Json | null {
  try {
    const value: unknown = body.trim() === '' ? {} : JSON.parse(body);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
  } catch {
    return null;
  }
}

function positiveInt(value: unknown, fallback: number): number | null {
  if (value === undefined || value === null) return fallback;
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : null;
}

export async function startThreatLockerSimulator(options: ThreatLockerSimulatorOptions = {}): Promise<ThreatLockerSimulator> {
  const fleet = options.fleet && 'threatLockerComputers' in options.fleet ? options.fleet : generateFleet(options.fleet);
  const apiKey = options.apiKey ?? THREATLOCKER_SIM_API_KEY;
  const headerMode = options.paginationHeader ?? 'json';
  const rowTotals = options.rowTotals ?? true;
  const faults = new Faults();
  let keyExpired = false;
  const parentId = fleet.threatLockerParent.id;
  const orgById = new Map(fleet.organizations.map((org) => [org.threatLockerId.toLowerCase(), org]));
  const computerById = new Map(fleet.threatLockerComputers.map((c) => [c.computerId.toLowerCase(), c]));
  const orgOf = (computer: FleetThreatLockerComputer) => fleet.organizations[computer.organizationIndex] as FleetOrganization;

  // Sorted views are cached per scope and order; a rename invalidates them.
  const sortedCache = new Map<string, FleetThreatLockerComputer[]>();

  function scope(managed: string, childOrganizations: boolean): FleetThreatLockerComputer[] | null {
    if (managed === parentId.toLowerCase()) return childOrganizations ? fleet.threatLockerComputers : [];
    const org = orgById.get(managed);
    if (!org) return null;
    return fleet.threatLockerComputers.filter((c) => c.organizationIndex === org.index);
  }

  function sorted(managed: string, childOrganizations: boolean, orderBy: string, ascending: boolean): FleetThreatLockerComputer[] | null {
    const key = `${managed}|${childOrganizations}|${orderBy}|${ascending}`;
    const cached = sortedCache.get(key);
    if (cached) return cached;
    const items = scope(managed, childOrganizations);
    if (items === null) return null;
    const value = (c: FleetThreatLockerComputer): string =>
      orderBy === 'lastcheckin' ? c.lastCheckin : orderBy === 'group' ? c.group.toLowerCase() : c.computerName.toLowerCase();
    const result = [...items].sort((a, b) => {
      const va = value(a);
      const vb = value(b);
      const order = va < vb ? -1 : va > vb ? 1 : a.computerId < b.computerId ? -1 : 1;
      return ascending ? order : -order;
    });
    sortedCache.set(key, result);
    return result;
  }

  function paginationHeaders(pageNumber: number, pageSize: number, total: number, count: number): Record<string, string> {
    const totalPages = Math.ceil(total / pageSize);
    const firstItem = count === 0 ? 0 : (pageNumber - 1) * pageSize + 1;
    if (headerMode === 'none') return {};
    if (headerMode === 'split') return { totalItems: String(total), totalPages: String(totalPages) };
    return {
      pagination: JSON.stringify({
        currentPage: pageNumber,
        itemsPerPage: pageSize,
        totalItems: total,
        totalPages,
        firstItem,
        lastItem: count === 0 ? 0 : firstItem + count - 1,
      }),
    };
  }

  function handleComputers(request: SimRequest, managed: string | null): SimResponse {
    const body = parseJsonBody(request.body);
    if (!body) return tlError(400, 'The request body is not valid JSON.');
    const pageNumber = positiveInt(body.pageNumber, 1);
    const pageSize = positiveInt(body.pageSize, 25);
    if (pageNumber === null || pageSize === null) return tlError(400, 'pageNumber and pageSize must be positive integers.');
    // Without a managed organisation the search quietly finds nothing.
    if (!managed) return { status: 200, json: [] };
    const orderBy = typeof body.orderBy === 'string' ? body.orderBy.toLowerCase() : 'computername';
    if (!['computername', 'lastcheckin', 'group'].includes(orderBy)) return tlError(500, 'An error has occurred.');
    let items = sorted(managed, body.childOrganizations === true, orderBy, body.isAscending !== false);
    if (items === null) return tlError(403, 'You do not have access to this organization.');
    const search = typeof body.searchText === 'string' ? body.searchText.trim().toLowerCase() : '';
    if (search) items = items.filter((c) => c.hostname.toLowerCase().includes(search) || c.computerName.toLowerCase().includes(search));
    const wantedId = typeof body.computerId === 'string' ? body.computerId.trim().toLowerCase() : '';
    if (wantedId) items = items.filter((c) => c.computerId.toLowerCase() === wantedId);

    const total = items.length;
    const start = (pageNumber - 1) * pageSize;
    const page = items.slice(start, start + pageSize);
    const headers = paginationHeaders(pageNumber, pageSize, total, page.length);
    const fault = faults.take({ path: request.route, page: pageNumber }, 'malformed_json', 'empty_body');
    if (fault?.kind === 'malformed_json') return { status: 200, raw: MALFORMED_JSON, headers: { ...headers, 'content-type': 'application/json' } };
    if (page.length === 0 || fault?.kind === 'empty_body') return { status: 200, raw: '', headers };
    return { status: 200, headers, json: page.map((c) => renderThreatLockerComputer(c, orgOf(c), rowTotals ? total : null)) };
  }

  function inScope(computer: FleetThreatLockerComputer, managed: string): boolean {
    if (managed === parentId.toLowerCase()) return true;
    return orgOf(computer).threatLockerId.toLowerCase() === managed;
  }

  function handleForEdit(request: SimRequest, managed: string | null): SimResponse {
    const id = (request.url.searchParams.get('computerId') ?? '').toLowerCase();
    const computer = computerById.get(id);
    if (!managed || !computer || !inScope(computer, managed)) return tlError(404, 'Computer not found.');
    return { status: 200, json: renderForEdit(computer, orgOf(computer)) };
  }

  function handleUpdateForEdit(request: SimRequest, managed: string | null): SimResponse {
    const body = parseJsonBody(request.body);
    if (!body) return tlError(400, 'The request body is not valid JSON.');
    const id = typeof body.computerId === 'string' ? body.computerId.toLowerCase() : '';
    const computer = computerById.get(id);
    if (!managed || !computer || !inScope(computer, managed)) return tlError(404, 'Computer not found.');
    if (typeof body.computerGroupId !== 'string' || body.computerGroupId.toLowerCase() !== computer.computerGroupId.toLowerCase()) {
      return tlError(400, 'computerGroupId is required and must be the computer\'s group.');
    }
    const name = typeof body.name === 'string' ? body.name.trim() : '';
    if (name === '' || name.length > 255) return tlError(400, 'name is required (at most 255 characters).');
    computer.computerName = name;
    sortedCache.clear();
    return { status: 200, json: renderForEdit(computer, orgOf(computer)) };
  }

  function handleOrganizations(request: SimRequest, managed: string | null): SimResponse {
    const body = parseJsonBody(request.body);
    if (!body) return tlError(400, 'The request body is not valid JSON.');
    const pageNumber = positiveInt(body.pageNumber, 1);
    const pageSize = positiveInt(body.pageSize, 25);
    if (pageNumber === null || pageSize === null) return tlError(400, 'pageNumber and pageSize must be positive integers.');
    if (!managed || body.childOrganizations !== true) return { status: 200, json: [] };
    let orgs: FleetOrganization[];
    if (managed === parentId.toLowerCase()) orgs = [...fleet.organizations];
    else if (orgById.has(managed)) orgs = [];
    else return tlError(403, 'You do not have access to this organization.');
    const search = typeof body.searchText === 'string' ? body.searchText.trim().toLowerCase() : '';
    if (search) orgs = orgs.filter((o) => o.threatLockerName.toLowerCase().includes(search));
    orgs.sort((a, b) => a.threatLockerName.localeCompare(b.threatLockerName));
    const start = (pageNumber - 1) * pageSize;
    const page = orgs.slice(start, start + pageSize);
    const headers = paginationHeaders(pageNumber, pageSize, orgs.length, page.length);
    if (page.length === 0) return { status: 200, raw: '', headers };
    const counts = new Map<number, { computers: number; active: number; d1: number; d3: number; d7: number }>();
    const activeSince = Date.parse(fleet.generatedAt) - 30 * 86_400_000;
    for (const c of fleet.threatLockerComputers) {
      const entry = counts.get(c.organizationIndex) ?? { computers: 0, active: 0, d1: 0, d3: 0, d7: 0 };
      entry.computers += 1;
      if (Date.parse(c.lastCheckin) >= activeSince) entry.active += 1;
      entry.d1 += c.denyCountOneDay;
      entry.d3 += c.denyCountThreeDays;
      entry.d7 += c.denyCountSevenDays;
      counts.set(c.organizationIndex, entry);
    }
    return {
      status: 200,
      headers,
      json: page.map((org) => {
        const count = counts.get(org.index) ?? { computers: 0, active: 0, d1: 0, d3: 0, d7: 0 };
        return {
          organizationId: org.threatLockerId,
          displayName: org.threatLockerName,
          name: org.threatLockerSlug,
          computerCount: count.computers,
          activeCount: count.active,
          dateAdded: org.dateAdded,
          computerDenyCountDtos: [{ oneDay: count.d1, threeDays: count.d3, sevenDays: count.d7, organizationId: org.threatLockerId }],
          products: [{ name: 'defaultdeny', displayName: 'Allowlisting', isThreatLockerProtect: true }],
        };
      }),
    };
  }

  async function handle(request: SimRequest): Promise<SimResponse> {
    const target = { path: request.route };
    if (!(await faults.wait(request, target))) return CLIENT_GONE;
    if (keyExpired || faults.take(target, 'unauthorized') || request.headers.authorization !== apiKey) {
      return tlError(401, 'Authorization has been denied for this request.');
    }
    const fault = faults.take(target, 'rate_limit', 'server_error');
    if (fault?.kind === 'rate_limit') return tlError(429, 'Too many requests.', retryAfterHeader(fault));
    if (fault?.kind === 'server_error') return tlError(fault.status ?? 500, 'An error has occurred.');

    const header = request.headers.managedorganizationid;
    const managed = typeof header === 'string' && header.trim() !== '' ? header.trim().toLowerCase() : null;
    const method = request.method;
    switch (request.route) {
      case ROUTES.computers:
        return method === 'POST' ? handleComputers(request, managed) : tlError(405, 'Method not allowed.');
      case ROUTES.forEdit:
        return method === 'GET' ? handleForEdit(request, managed) : tlError(405, 'Method not allowed.');
      case ROUTES.updateForEdit:
        return method === 'PATCH' ? handleUpdateForEdit(request, managed) : tlError(405, 'Method not allowed.');
      case ROUTES.organizations:
        return method === 'POST' ? handleOrganizations(request, managed) : tlError(405, 'Method not allowed.');
      default:
        return tlError(404, `No such endpoint: ${request.url.pathname}`);
    }
  }

  const server = await startSimServer(handle, options);
  return {
    url: server.url,
    close: server.close,
    requests: server.requests,
    fleet,
    apiKey,
    parentOrganizationId: parentId,
    setFaults(rules) {
      // ThreatLocker has no tokens: an "expired token" is an API key that stopped working.
      if (faults.set(rules).some((rule) => rule.kind === 'expired_token')) keyExpired = true;
    },
    resetFaults() {
      keyExpired = false;
      faults.reset();
    },
  };
}
