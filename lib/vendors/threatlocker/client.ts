import { z } from 'zod';
import { createHttpClient, type HttpClient, type RetryInfo } from '../http/client';
import { mapWithConcurrency } from '../http/concurrency';
import { VendorError } from '../http/errors';
import { parsePayload } from '../http/payload';
import type { RetryPolicy } from '../http/retry';
import { normaliseSerialNumber } from '../serial';

// ThreatLocker Portal API client: raw API key in `Authorization`, the tenant
// in `ManagedOrganizationId`, offset paging (pageNumber/pageSize in the body)
// with totals from the `pagination` header, zero-byte bodies as empty pages,
// child organisations, and rename through get-for-edit / update-for-edit.

const VENDOR = 'ThreatLocker';
const MAX_PAGE_SIZE = 500;

export interface ThreatLockerConfig {
  /** Instance URL, e.g. https://portalapi.g.threatlocker.com (`/portalapi` is added when missing). */
  baseUrl: string;
  apiKey: string;
  /** ManagedOrganizationId: the MSP's organisation GUID (children are included by default). */
  organizationId: string;
  /** Include child organisations' computers. Default true. */
  childOrganizations?: boolean;
  /** Per request attempt. Default 30 s. */
  timeoutMs?: number;
  /** Requests in flight at once (pages after the first are fetched in parallel). Default 4. */
  maxConcurrency?: number;
  /** At most 500. Default 500. */
  pageSize?: number;
  retry?: Partial<RetryPolicy>;
  onRetry?: (info: RetryInfo) => void;
  fetch?: typeof fetch;
}

export interface ThreatLockerComputer {
  vendor: 'threatlocker';
  computerId: string;
  /** As the agent reports it: NetBIOS names are cut at 15 characters. */
  hostname: string;
  /** ThreatLocker's display name (`computerName`), e.g. `CHI-4YHKJL3 | Keith Oneil`. */
  computerName: string | null;
  organizationId: string | null;
  organizationName: string | null;
  group: string | null;
  computerGroupId: string | null;
  /** `Secure`, `Application Control Learning Mode`, `Installation Mode`, `Monitor Only`, … */
  mode: string | null;
  /** ISO 8601. */
  lastCheckinAt: string | null;
  operatingSystem: string | null;
  /** 1 Windows, 2 macOS, 3 Linux. */
  osType: number | null;
  serialNumber: string | null;
  serialNumberRaw: string | null;
  threatLockerVersion: string | null;
  dateAdded: string | null;
  installDate: string | null;
  username: string | null;
  lastCheckinIp: string | null;
  denyCountOneDay: number | null;
  denyCountThreeDays: number | null;
  denyCountSevenDays: number | null;
  isLockedOut: boolean | null;
  isIsolated: boolean | null;
  isDeleted: boolean | null;
  hasCheckedIn: boolean | null;
  raw: unknown;
}

export interface ThreatLockerOrganization {
  id: string;
  name: string;
  slug: string | null;
  computerCount: number | null;
  activeCount: number | null;
  dateAdded: string | null;
  raw: unknown;
}

export interface ThreatLockerPagination {
  currentPage: number | null;
  itemsPerPage: number | null;
  totalItems: number;
  totalPages: number | null;
}

export interface ThreatLockerComputerPage {
  pageNumber: number;
  computers: ThreatLockerComputer[];
  /** From the `pagination` header (or `totalItems`/`totalPages`, or the rows' `totalRows`). */
  pagination: ThreatLockerPagination | null;
}

export interface ThreatLockerComputerList {
  computers: ThreatLockerComputer[];
  /** Total reported by ThreatLocker on the first page; null when it sent none. */
  totalItems: number | null;
  totalPages: number | null;
  pagesFetched: number;
}

/** The get-for-edit record; sent back whole (with changes) to update a computer. */
export interface ThreatLockerComputerForEdit {
  computerId: string;
  computerGroupId: string;
  name: string | null;
  raw: Record<string, unknown>;
}

// --- payload schemas ----------------------------------------------------------

const str = z.string().nullish();
const num = z.number().nullish();
const bool = z.boolean().nullish();

export const threatLockerComputerSchema = z.looseObject({
  computerId: z.string().min(1),
  hostname: z.string(),
  computerName: str,
  organizationId: str,
  organization: str,
  group: str,
  computerGroupId: str,
  mode: str,
  action: str,
  lastCheckin: str,
  lastCheckinIPAddress: str,
  operatingSystem: str,
  osType: num,
  serialNumber: str,
  threatLockerVersion: str,
  dateAdded: str,
  installDate: str,
  username: str,
  denyCountOneDay: num,
  denyCountThreeDays: num,
  denyCountSevenDays: num,
  isLockedOut: bool,
  isIsolated: bool,
  isDeleted: bool,
  hasAtLeastOneCheckin: bool,
  totalRows: num,
});
export type ThreatLockerRawComputer = z.infer<typeof threatLockerComputerSchema>;

const computersSchema = z.array(threatLockerComputerSchema);

export const threatLockerOrganizationsSchema = z.array(
  z.looseObject({
    organizationId: z.string().min(1),
    displayName: str,
    name: str,
    computerCount: num,
    activeCount: num,
    dateAdded: str,
  }),
);

const forEditSchema = z.looseObject({
  computerId: z.string().min(1),
  computerGroupId: z.string().min(1),
  name: str,
  computerName: str,
});

const intLike = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).pipe(z.number().int().nonnegative());

export const threatLockerPaginationHeaderSchema = z.looseObject({
  currentPage: intLike.nullish(),
  itemsPerPage: intLike.nullish(),
  totalItems: intLike,
  totalPages: intLike.nullish(),
});

// --- helpers (pure) -------------------------------------------------------------

/** Reads totals from `pagination` (JSON) or from separate `totalItems`/`totalPages` headers. */
export function parsePaginationHeaders(headers: Headers): ThreatLockerPagination | null {
  const json = headers.get('pagination');
  if (json) {
    try {
      const parsed = threatLockerPaginationHeaderSchema.safeParse(JSON.parse(json));
      if (parsed.success) {
        return {
          currentPage: parsed.data.currentPage ?? null,
          itemsPerPage: parsed.data.itemsPerPage ?? null,
          totalItems: parsed.data.totalItems,
          totalPages: parsed.data.totalPages ?? null,
        };
      }
    } catch {
      // fall through to the other headers
    }
  }
  const totalItems = intLike.safeParse(headers.get('totalitems') ?? undefined);
  if (totalItems.success) {
    const totalPages = intLike.safeParse(headers.get('totalpages') ?? undefined);
    return { currentPage: null, itemsPerPage: null, totalItems: totalItems.data, totalPages: totalPages.success ? totalPages.data : null };
  }
  return null;
}

function clean(value: string | null | undefined): string | null {
  if (value == null) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** ThreatLocker timestamps are UTC, sometimes without a zone; year 1 means "never". */
export function threatLockerTimeToIso(value: string | null | undefined): string | null {
  const text = clean(value);
  if (!text) return null;
  const zoned = /([zZ]|[+-]\d{2}:?\d{2})$/.test(text) ? text : `${text}Z`;
  const ms = Date.parse(zoned);
  if (Number.isNaN(ms) || ms < Date.UTC(1971, 0, 1)) return null;
  return new Date(ms).toISOString();
}

function normaliseThreatLockerComputer(raw: ThreatLockerRawComputer): ThreatLockerComputer {
  const serialRaw = clean(raw.serialNumber);
  return {
    vendor: 'threatlocker',
    computerId: raw.computerId,
    hostname: raw.hostname.trim(),
    computerName: clean(raw.computerName),
    organizationId: clean(raw.organizationId),
    organizationName: clean(raw.organization),
    group: clean(raw.group),
    computerGroupId: clean(raw.computerGroupId),
    mode: clean(raw.mode) ?? clean(raw.action),
    lastCheckinAt: threatLockerTimeToIso(raw.lastCheckin),
    operatingSystem: clean(raw.operatingSystem),
    osType: raw.osType ?? null,
    serialNumber: normaliseSerialNumber(serialRaw),
    serialNumberRaw: serialRaw,
    threatLockerVersion: clean(raw.threatLockerVersion),
    dateAdded: threatLockerTimeToIso(raw.dateAdded),
    installDate: threatLockerTimeToIso(raw.installDate),
    username: clean(raw.username),
    lastCheckinIp: clean(raw.lastCheckinIPAddress),
    denyCountOneDay: raw.denyCountOneDay ?? null,
    denyCountThreeDays: raw.denyCountThreeDays ?? null,
    denyCountSevenDays: raw.denyCountSevenDays ?? null,
    isLockedOut: raw.isLockedOut ?? null,
    isIsolated: raw.isIsolated ?? null,
    isDeleted: raw.isDeleted ?? null,
    hasCheckedIn: raw.hasAtLeastOneCheckin ?? null,
    raw,
  };
}

function portalApiBase(baseUrl: string): string {
  const trimmed = baseUrl.replace(/\/+$/, '');
  return /\/portalapi$/i.test(trimmed) ? trimmed : `${trimmed}/portalapi`;
}

// --- client ---------------------------------------------------------------------

export interface ThreatLockerClient {
  /** One page of computers (1-based), with the totals ThreatLocker reported. */
  fetchComputerPage(pageNumber: number, options?: { searchText?: string }): Promise<ThreatLockerComputerPage>;
  /** Every computer in the managed organisation (and its children), all pages. */
  listComputers(options?: { searchText?: string }): Promise<ThreatLockerComputerList>;
  listChildOrganizations(): Promise<ThreatLockerOrganization[]>;
  /** One computer, as the list shows it (for syncing a single device); null if unknown. */
  getComputer(computerId: string): Promise<ThreatLockerComputer | null>;
  getComputerForEdit(computerId: string): Promise<ThreatLockerComputerForEdit>;
  /** Renames a computer (its display name) and returns it as read back afterwards. */
  updateComputerName(computerId: string, name: string): Promise<ThreatLockerComputer>;
}

export function createThreatLockerClient(config: ThreatLockerConfig): ThreatLockerClient {
  const pageSize = Math.min(Math.max(1, config.pageSize ?? MAX_PAGE_SIZE), MAX_PAGE_SIZE);
  const maxConcurrency = config.maxConcurrency ?? 4;
  const http: HttpClient = createHttpClient({
    vendor: VENDOR,
    baseUrl: portalApiBase(config.baseUrl),
    timeoutMs: config.timeoutMs,
    retry: config.retry,
    maxConcurrency,
    fetch: config.fetch,
    onRetry: config.onRetry,
    headers: { authorization: config.apiKey, managedorganizationid: config.organizationId },
    hints: {
      auth: 'Check the ThreatLocker API key and organisation ID (THREATLOCKER_API_KEY, THREATLOCKER_ORG_ID) and that the base URL names the right instance.',
    },
  });

  function searchBody(pageNumber: number, size: number, extra: Record<string, unknown> = {}) {
    return {
      pageNumber,
      pageSize: size,
      searchText: '',
      // Ordered by name, not last check-in: check-ins move rows between pages while paging.
      orderBy: 'computername',
      isAscending: true,
      childOrganizations: config.childOrganizations ?? true,
      showLastCheckIn: true,
      showDeleted: false,
      ...extra,
    };
  }

  async function fetchComputerPage(pageNumber: number, options: { searchText?: string } = {}): Promise<ThreatLockerComputerPage> {
    const response = await http.send({
      method: 'POST',
      path: 'Computer/ComputerGetByAllParameters',
      json: searchBody(pageNumber, pageSize, options.searchText ? { searchText: options.searchText } : {}),
    });
    // An empty result may be a zero-byte body.
    const rows = parsePayload(VENDOR, response.endpoint, response.body, computersSchema, { emptyValue: [], context: `page ${pageNumber}` });
    let pagination = parsePaginationHeaders(response.headers);
    const rowTotal = rows[0]?.totalRows;
    if (!pagination && rowTotal != null) {
      pagination = { currentPage: pageNumber, itemsPerPage: pageSize, totalItems: rowTotal, totalPages: Math.ceil(rowTotal / pageSize) };
    }
    return { pageNumber, computers: rows.map(normaliseThreatLockerComputer), pagination };
  }

  async function listComputers(options: { searchText?: string } = {}): Promise<ThreatLockerComputerList> {
    const first = await fetchComputerPage(1, options);
    const totalItems = first.pagination?.totalItems ?? null;
    const totalPages = first.pagination
      ? (first.pagination.totalPages ?? Math.ceil(first.pagination.totalItems / pageSize))
      : null;
    const pages: ThreatLockerComputerPage[] = [first];

    if (totalPages !== null) {
      // Totals known: fetch the remaining pages in parallel, within the concurrency bound.
      const rest = Array.from({ length: Math.max(0, totalPages - 1) }, (_, i) => i + 2);
      pages.push(...(await mapWithConcurrency(rest, maxConcurrency, (n) => fetchComputerPage(n, options))));
      const empty = pages.find((page) => page.computers.length === 0 && page.pageNumber <= totalPages && (totalItems ?? 0) > 0);
      if (empty) {
        throw new VendorError({
          vendor: VENDOR,
          kind: 'invalid_payload',
          endpoint: 'POST /portalapi/Computer/ComputerGetByAllParameters',
          message: `${VENDOR} returned an empty page ${empty.pageNumber} of ${totalPages} although it reported ${totalItems} computers; refusing a partial list.`,
        });
      }
    } else {
      // No totals: walk pages until one is short (an empty or zero-byte page ends the list).
      let last = first;
      while (last.computers.length === pageSize) {
        last = await fetchComputerPage(last.pageNumber + 1, options);
        pages.push(last);
      }
    }

    const seen = new Set<string>();
    const computers: ThreatLockerComputer[] = [];
    for (const page of pages) {
      for (const computer of page.computers) {
        const key = computer.computerId.toLowerCase();
        if (seen.has(key)) continue;
        seen.add(key);
        computers.push(computer);
      }
    }
    if (totalItems !== null && computers.length < totalItems) {
      throw new VendorError({
        vendor: VENDOR,
        kind: 'invalid_payload',
        endpoint: 'POST /portalapi/Computer/ComputerGetByAllParameters',
        message: `${VENDOR} listed ${computers.length} computers but reported ${totalItems}; the list changed while paging or a page was lost. Try again.`,
      });
    }
    return { computers, totalItems, totalPages, pagesFetched: pages.length };
  }

  async function listChildOrganizations(): Promise<ThreatLockerOrganization[]> {
    const all: ThreatLockerOrganization[] = [];
    for (let pageNumber = 1; ; pageNumber += 1) {
      const response = await http.send({
        method: 'POST',
        path: 'Organization/OrganizationGetChildOrganizationsByParameters',
        json: {
          searchText: '',
          includeAllChildren: true,
          orderBy: 'name',
          isAscending: true,
          pageNumber,
          pageSize,
          childOrganizations: true,
        },
      });
      const rows = parsePayload(VENDOR, response.endpoint, response.body, threatLockerOrganizationsSchema, { emptyValue: [], context: `page ${pageNumber}` });
      for (const row of rows) {
        all.push({
          id: row.organizationId,
          name: clean(row.displayName) ?? clean(row.name) ?? row.organizationId,
          slug: clean(row.name),
          computerCount: row.computerCount ?? null,
          activeCount: row.activeCount ?? null,
          dateAdded: threatLockerTimeToIso(row.dateAdded),
          raw: row,
        });
      }
      const totals = parsePaginationHeaders(response.headers);
      const done = totals?.totalPages != null ? pageNumber >= totals.totalPages : rows.length < pageSize;
      if (done || rows.length === 0) return all;
    }
  }

  async function getComputer(computerId: string): Promise<ThreatLockerComputer | null> {
    const response = await http.send({
      method: 'POST',
      path: 'Computer/ComputerGetByAllParameters',
      json: searchBody(1, 1, { computerId }),
    });
    const rows = parsePayload(VENDOR, response.endpoint, response.body, computersSchema, { emptyValue: [], context: `computer ${computerId}` });
    const row = rows.find((r) => r.computerId.toLowerCase() === computerId.toLowerCase());
    return row ? normaliseThreatLockerComputer(row) : null;
  }

  async function getComputerForEdit(computerId: string): Promise<ThreatLockerComputerForEdit> {
    const { data } = await http.sendJson(
      { method: 'GET', path: 'Computer/ComputerGetForEditById', query: { computerId } },
      forEditSchema,
      { context: `computer ${computerId}` },
    );
    return { computerId: data.computerId, computerGroupId: data.computerGroupId, name: clean(data.name) ?? clean(data.computerName), raw: data };
  }

  async function updateComputerName(computerId: string, name: string): Promise<ThreatLockerComputer> {
    const newName = name.trim();
    if (newName === '') throw new RangeError('A ThreatLocker computer name cannot be empty.');
    // ThreatLocker has no partial update: send the whole edit record back with the new name.
    const current = await getComputerForEdit(computerId);
    await http.send({
      method: 'PATCH',
      path: 'Computer/ComputerUpdateForEdit',
      json: { ...current.raw, computerId: current.computerId, computerGroupId: current.computerGroupId, name: newName },
    });
    const updated = await getComputer(computerId);
    if (!updated) {
      throw new VendorError({
        vendor: VENDOR,
        kind: 'invalid_payload',
        endpoint: 'POST /portalapi/Computer/ComputerGetByAllParameters',
        message: `${VENDOR} accepted the new name for computer ${computerId} but no longer lists that computer.`,
      });
    }
    return updated;
  }

  return { fetchComputerPage, listComputers, listChildOrganizations, getComputer, getComputerForEdit, updateComputerName };
}
