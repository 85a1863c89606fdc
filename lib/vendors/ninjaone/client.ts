import { z } from 'zod';
import { createHttpClient, type HttpClient, type HttpRequest, type RetryInfo } from '../http/client';
import { isVendorError, VendorError } from '../http/errors';
import type { RetryPolicy } from '../http/retry';
import { normaliseSerialNumber } from '../serial';
import { defaultReadinessFieldNames, readReadiness, type ReadinessFieldNames } from './custom-fields';

// NinjaOne Public API v2 client: OAuth2 (client credentials, or the refresh
// token grant when one is configured), keyset paging with `after`, readiness
// custom fields in one bulk query, and devices normalised to the fields the
// inventory keeps.

const VENDOR = 'NinjaOne';

/** Regional hosts; the same host serves OAuth and the API. */
export const ninjaOneRegions = {
  us: 'https://app.ninjarmm.com',
  us2: 'https://us2.ninjarmm.com',
  eu: 'https://eu.ninjarmm.com',
  ca: 'https://ca.ninjarmm.com',
  oc: 'https://oc.ninjarmm.com',
  fed: 'https://fed.ninjarmm.com',
} as const;

export interface NinjaOneConfig {
  /** Regional base URL, e.g. https://eu.ninjarmm.com (see `ninjaOneRegions`). */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** When set, tokens come from the refresh_token grant instead of client_credentials. */
  refreshToken?: string;
  /** Called when NinjaOne rotates the refresh token, so the caller can persist it. */
  onRefreshTokenRotated?: (refreshToken: string) => void | Promise<void>;
  scope?: string;
  /** Per request attempt. Default 30 s. */
  timeoutMs?: number;
  /** Requests in flight at once. Default 4. */
  maxConcurrency?: number;
  /** Default 500. */
  pageSize?: number;
  retry?: Partial<RetryPolicy>;
  /** Custom field names holding TPM / Secure Boot data. */
  readinessFields?: Partial<ReadinessFieldNames>;
  /** More custom fields to fetch in the same bulk query (returned in `customFields`). */
  extraCustomFields?: string[];
  /** Renew the token this long before it expires. Default 60 s (at most half its lifetime). */
  tokenRefreshMarginMs?: number;
  onRetry?: (info: RetryInfo) => void;
  fetch?: typeof fetch;
  /** Clock for token expiry (tests). */
  now?: () => number;
}

export type NinjaDeviceType = 'workstation' | 'server' | 'vm_guest' | 'network' | 'unknown';

export interface NinjaVolume {
  name: string | null;
  label: string | null;
  capacityBytes: number | null;
  freeBytes: number | null;
}

export interface NinjaDevice {
  vendor: 'ninjaone';
  id: number;
  uid: string | null;
  /** `systemName`, else the first label of `dnsName`, else `netbiosName`. */
  hostname: string | null;
  systemName: string | null;
  dnsName: string | null;
  netbiosName: string | null;
  displayName: string | null;
  /** Trimmed serial; null when absent or a placeholder such as "To Be Filled By O.E.M.". */
  serialNumber: string | null;
  serialNumberRaw: string | null;
  organizationId: number;
  organizationName: string | null;
  locationId: number | null;
  locationName: string | null;
  nodeClass: string | null;
  deviceType: NinjaDeviceType;
  chassisType: string | null;
  isVirtualMachine: boolean | null;
  approvalStatus: string | null;
  manufacturer: string | null;
  model: string | null;
  osName: string | null;
  osBuild: string | null;
  osReleaseId: string | null;
  osArchitecture: string | null;
  ramBytes: number | null;
  storageTotalBytes: number | null;
  volumes: NinjaVolume[];
  cpuName: string | null;
  cpuCores: number | null;
  cpuLogicalCores: number | null;
  cpuMaxClockHz: number | null;
  /** ISO 8601. */
  lastContactAt: string | null;
  createdAt: string | null;
  isOnline: boolean;
  lastLoggedInUser: string | null;
  hasTpm: boolean | null;
  tpmEnabled: boolean | null;
  /** e.g. `2.0`; null without a TPM or without data. */
  tpmVersion: string | null;
  secureBootAvailable: boolean | null;
  secureBootEnabled: boolean | null;
  /** Every custom field fetched for the device (readiness and extra fields). */
  customFields: Record<string, unknown>;
  raw: unknown;
}

export interface NinjaOrganization {
  id: number;
  name: string;
  description: string | null;
  raw: unknown;
}

export interface NinjaLocation {
  id: number;
  organizationId: number;
  name: string;
  description: string | null;
  raw: unknown;
}

// --- payload schemas (only what we read; unknown keys pass through) ----------

const str = z.string().nullish();
const num = z.number().nullish();

export const ninjaDeviceSchema = z.looseObject({
  id: z.number().int(),
  uid: str,
  organizationId: z.number().int(),
  locationId: z.number().int().nullish(),
  nodeClass: str,
  approvalStatus: str,
  offline: z.boolean().nullish(),
  displayName: str,
  systemName: str,
  dnsName: str,
  netbiosName: str,
  created: num,
  lastContact: num,
  os: z
    .looseObject({ name: str, architecture: str, buildNumber: str, releaseId: str })
    .nullish(),
  system: z
    .looseObject({
      manufacturer: str,
      model: str,
      serialNumber: str,
      biosSerialNumber: str,
      totalPhysicalMemory: num,
      virtualMachine: z.boolean().nullish(),
      chassisType: str,
    })
    .nullish(),
  memory: z.looseObject({ capacity: num }).nullish(),
  processors: z
    .array(z.looseObject({ name: str, numCores: num, numLogicalCores: num, maxClockSpeed: num }))
    .nullish(),
  volumes: z
    .array(z.looseObject({ name: str, label: str, deviceType: str, capacity: num, freeSpace: num }))
    .nullish(),
  lastLoggedInUser: str,
});
export type NinjaRawDevice = z.infer<typeof ninjaDeviceSchema>;

export const ninjaOrganizationSchema = z.looseObject({ id: z.number().int(), name: z.string(), description: str });
export const ninjaLocationSchema = z.looseObject({ id: z.number().int(), organizationId: z.number().int(), name: z.string(), description: str });

export const ninjaCustomFieldsReportSchema = z.looseObject({
  cursor: z.looseObject({ name: z.string().nullish(), offset: num, count: num, expires: num }).nullish(),
  results: z.array(z.looseObject({ deviceId: z.number().int(), fields: z.record(z.string(), z.unknown()).nullish() })),
});

export const ninjaTokenSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().positive().optional(),
  refresh_token: z.string().optional(),
});

// --- normalisation (pure) ----------------------------------------------------

function epochSecondsToIso(value: number | null | undefined): string | null {
  if (value == null || !Number.isFinite(value) || value <= 0) return null;
  return new Date(Math.round(value * 1000)).toISOString();
}

function clean(value: string | null | undefined): string | null {
  if (value == null) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** NinjaOne's node class, then the OS name, decide server vs workstation. */
export function deviceTypeFor(nodeClass: string | null | undefined, osName: string | null | undefined): NinjaDeviceType {
  const cls = (nodeClass ?? '').toUpperCase();
  if (cls.endsWith('_VM_GUEST') || cls.endsWith('_GUEST')) return 'vm_guest';
  if (cls.includes('SERVER') || cls.endsWith('_HOST')) return 'server';
  if (cls.startsWith('NMS_')) return 'network';
  if (cls.includes('WORKSTATION') || cls === 'MAC' || cls === 'LINUX' || cls === 'WINDOWS') {
    return /server/i.test(osName ?? '') ? 'server' : 'workstation';
  }
  if (/server/i.test(osName ?? '')) return 'server';
  if (/windows|mac ?os|os x/i.test(osName ?? '')) return 'workstation';
  return 'unknown';
}

export interface NinjaLookups {
  organizations: ReadonlyMap<number, string>;
  locations: ReadonlyMap<number, string>;
  customFields: ReadonlyMap<number, Record<string, unknown>>;
  readinessFields: ReadinessFieldNames;
}

function normaliseNinjaDevice(raw: NinjaRawDevice, lookups: NinjaLookups): NinjaDevice {
  const dnsShort = clean(raw.dnsName)?.split('.')[0] ?? null;
  const hostname = clean(raw.systemName) ?? clean(dnsShort) ?? clean(raw.netbiosName);
  const serialRaw = clean(raw.system?.serialNumber) ?? clean(raw.system?.biosSerialNumber);
  const volumes: NinjaVolume[] = (raw.volumes ?? []).map((volume) => ({
    name: clean(volume.name),
    label: clean(volume.label),
    capacityBytes: volume.capacity ?? null,
    freeBytes: volume.freeSpace ?? null,
  }));
  // Removable and network drives are not the machine's storage.
  const local = (raw.volumes ?? []).filter((v) => !v.deviceType || /local|fixed/i.test(v.deviceType));
  const storageTotal = local.reduce((sum, v) => sum + (v.capacity ?? 0), 0);
  const cpu = raw.processors?.[0];
  const fields = lookups.customFields.get(raw.id) ?? null;
  const readiness = readReadiness(fields, lookups.readinessFields);
  return {
    vendor: 'ninjaone',
    id: raw.id,
    uid: clean(raw.uid),
    hostname,
    systemName: clean(raw.systemName),
    dnsName: clean(raw.dnsName),
    netbiosName: clean(raw.netbiosName),
    displayName: clean(raw.displayName),
    serialNumber: normaliseSerialNumber(serialRaw),
    serialNumberRaw: serialRaw,
    organizationId: raw.organizationId,
    organizationName: lookups.organizations.get(raw.organizationId) ?? null,
    locationId: raw.locationId ?? null,
    locationName: raw.locationId == null ? null : (lookups.locations.get(raw.locationId) ?? null),
    nodeClass: clean(raw.nodeClass),
    deviceType: deviceTypeFor(raw.nodeClass, raw.os?.name),
    chassisType: clean(raw.system?.chassisType),
    isVirtualMachine: raw.system?.virtualMachine ?? null,
    approvalStatus: clean(raw.approvalStatus),
    manufacturer: clean(raw.system?.manufacturer),
    model: clean(raw.system?.model),
    osName: clean(raw.os?.name),
    osBuild: clean(raw.os?.buildNumber),
    osReleaseId: clean(raw.os?.releaseId),
    osArchitecture: clean(raw.os?.architecture),
    ramBytes: raw.memory?.capacity ?? raw.system?.totalPhysicalMemory ?? null,
    storageTotalBytes: local.length > 0 ? storageTotal : null,
    volumes,
    cpuName: clean(cpu?.name),
    cpuCores: cpu?.numCores ?? null,
    cpuLogicalCores: cpu?.numLogicalCores ?? null,
    cpuMaxClockHz: cpu?.maxClockSpeed ?? null,
    lastContactAt: epochSecondsToIso(raw.lastContact),
    createdAt: epochSecondsToIso(raw.created),
    isOnline: raw.offline === false,
    lastLoggedInUser: clean(raw.lastLoggedInUser),
    ...readiness,
    customFields: fields ?? {},
    raw,
  };
}

// --- client -----------------------------------------------------------------

export interface NinjaOneClient {
  listOrganizations(): Promise<NinjaOrganization[]>;
  listLocations(): Promise<NinjaLocation[]>;
  /** Raw `devices-detailed` records, every page. `df` is NinjaOne's device filter. */
  listRawDevices(options?: { df?: string }): Promise<NinjaRawDevice[]>;
  /** deviceId → custom field values, from one cursor-paged query. */
  listCustomFields(fieldNames: readonly string[], options?: { df?: string }): Promise<Map<number, Record<string, unknown>>>;
  /** Every device, normalised, with organisation, location and readiness fields joined. */
  listDevices(options?: { df?: string }): Promise<NinjaDevice[]>;
  getDevice(id: number): Promise<NinjaDevice | null>;
  /** A valid access token (cached until shortly before expiry). */
  getAccessToken(): Promise<string>;
}

interface CachedToken {
  value: string;
  expiresAt: number;
}

export function createNinjaOneClient(config: NinjaOneConfig): NinjaOneClient {
  const now = config.now ?? Date.now;
  const pageSize = Math.min(Math.max(1, config.pageSize ?? 500), 10_000);
  const readinessFields: ReadinessFieldNames = { ...defaultReadinessFieldNames, ...config.readinessFields };
  const authHint = config.refreshToken
    ? 'Check the NinjaOne client ID, client secret and refresh token (NINJAONE_CLIENT_ID, NINJAONE_CLIENT_SECRET, NINJAONE_REFRESH_TOKEN) and the regional base URL.'
    : 'Check the NinjaOne client ID and secret (NINJAONE_CLIENT_ID, NINJAONE_CLIENT_SECRET) and the regional base URL.';
  const http: HttpClient = createHttpClient({
    vendor: VENDOR,
    baseUrl: config.baseUrl,
    timeoutMs: config.timeoutMs,
    retry: config.retry,
    maxConcurrency: config.maxConcurrency,
    fetch: config.fetch,
    onRetry: config.onRetry,
    hints: { auth: authHint },
  });

  let refreshToken = config.refreshToken;
  let token: CachedToken | null = null;
  let pending: Promise<CachedToken> | null = null;

  async function requestToken(): Promise<CachedToken> {
    const form: Record<string, string> = { client_id: config.clientId, client_secret: config.clientSecret };
    if (refreshToken) {
      form.grant_type = 'refresh_token';
      form.refresh_token = refreshToken;
    } else {
      form.grant_type = 'client_credentials';
      form.scope = config.scope ?? 'monitoring management';
    }
    let data: z.infer<typeof ninjaTokenSchema>;
    try {
      ({ data } = await http.sendJson({ method: 'POST', path: 'ws/oauth/token', form }, ninjaTokenSchema));
    } catch (error) {
      // An OAuth 400 (invalid_grant, invalid_client) is a credentials problem, not a bad request.
      if (isVendorError(error) && error.kind === 'client' && error.status === 400) {
        throw new VendorError({
          vendor: VENDOR,
          kind: 'auth',
          status: error.status,
          endpoint: error.endpoint,
          attempts: error.attempts,
          message: `${error.message.replace('rejected the request', 'refused the credentials')} ${authHint}`,
          cause: error,
        });
      }
      throw error;
    }
    if (data.refresh_token && data.refresh_token !== refreshToken && refreshToken !== undefined) {
      refreshToken = data.refresh_token;
      await config.onRefreshTokenRotated?.(data.refresh_token);
    }
    const lifetimeMs = (data.expires_in ?? 3600) * 1000;
    const margin = Math.min(config.tokenRefreshMarginMs ?? 60_000, lifetimeMs / 2);
    return { value: data.access_token, expiresAt: now() + lifetimeMs - margin };
  }

  async function getToken(): Promise<CachedToken> {
    if (token && now() < token.expiresAt) return token;
    // One token request at a time, however many calls need it.
    pending ??= requestToken()
      .then((fresh) => {
        token = fresh;
        return fresh;
      })
      .finally(() => {
        pending = null;
      });
    return pending;
  }

  /** An API call with a bearer token; one 401 drops the token and tries once more. */
  async function api<T>(request: HttpRequest, schema: z.ZodType<T>, context?: string): Promise<T> {
    const used = await getToken();
    const attempt = async (bearer: CachedToken) =>
      (
        await http.sendJson(
          { ...request, headers: { ...request.headers, authorization: `Bearer ${bearer.value}` } },
          schema,
          context ? { context } : undefined,
        )
      ).data;
    try {
      return await attempt(used);
    } catch (error) {
      if (!isVendorError(error) || error.kind !== 'auth' || error.status !== 401) throw error;
      if (token === used) token = null;
      return attempt(await getToken());
    }
  }

  /** Keyset paging: `after` = last id, until a page is shorter than pageSize. */
  async function listKeyset<T extends { id: number }>(path: string, schema: z.ZodType<T[]>, query: Record<string, string> = {}): Promise<T[]> {
    const all: T[] = [];
    let after: number | undefined;
    for (let page = 1; ; page += 1) {
      const rows = await api(
        { path, query: { ...query, pageSize, after } },
        schema,
        after === undefined ? `page ${page}` : `page ${page}, after id ${after}`,
      );
      all.push(...rows);
      const last = rows[rows.length - 1];
      if (rows.length < pageSize || !last) return all;
      if (after !== undefined && last.id <= after) {
        throw new VendorError({
          vendor: VENDOR,
          kind: 'invalid_payload',
          endpoint: `GET /${path}`,
          message: `${VENDOR} paging did not advance on GET /${path} (after id ${after} returned id ${last.id}).`,
        });
      }
      after = last.id;
    }
  }

  async function listRawDevices(options: { df?: string } = {}): Promise<NinjaRawDevice[]> {
    return listKeyset('v2/devices-detailed', z.array(ninjaDeviceSchema), options.df ? { df: options.df } : {});
  }

  async function listOrganizations(): Promise<NinjaOrganization[]> {
    const rows = await listKeyset('v2/organizations', z.array(ninjaOrganizationSchema));
    return rows.map((row) => ({ id: row.id, name: row.name, description: clean(row.description), raw: row }));
  }

  async function listLocations(): Promise<NinjaLocation[]> {
    const rows = await listKeyset('v2/locations', z.array(ninjaLocationSchema));
    return rows.map((row) => ({ id: row.id, organizationId: row.organizationId, name: row.name, description: clean(row.description), raw: row }));
  }

  async function listCustomFields(fieldNames: readonly string[], options: { df?: string } = {}): Promise<Map<number, Record<string, unknown>>> {
    const byDevice = new Map<number, Record<string, unknown>>();
    let cursor: string | undefined;
    for (let page = 1; ; page += 1) {
      const report = await api(
        {
          path: 'v2/queries/custom-fields',
          query: { fields: fieldNames.length > 0 ? fieldNames.join(',') : undefined, pageSize, cursor, df: options.df },
        },
        ninjaCustomFieldsReportSchema,
        `page ${page}`,
      );
      for (const row of report.results) {
        byDevice.set(row.deviceId, { ...byDevice.get(row.deviceId), ...row.fields });
      }
      const next = report.cursor?.name ?? null;
      if (report.results.length === 0 || report.results.length < pageSize || !next) return byDevice;
      cursor = next;
    }
  }

  function customFieldNames(): string[] {
    return [...new Set([...Object.values(readinessFields), ...(config.extraCustomFields ?? [])])];
  }

  async function listDevices(options: { df?: string } = {}): Promise<NinjaDevice[]> {
    // Four independent paged streams; the shared limiter bounds what runs at once.
    const [organizations, locations, devices, customFields] = await Promise.all([
      listOrganizations(),
      listLocations(),
      listRawDevices(options),
      listCustomFields(customFieldNames(), options),
    ]);
    const lookups: NinjaLookups = {
      organizations: new Map(organizations.map((o) => [o.id, o.name])),
      locations: new Map(locations.map((l) => [l.id, l.name])),
      customFields,
      readinessFields,
    };
    return devices.map((device) => normaliseNinjaDevice(device, lookups));
  }

  async function getDevice(id: number): Promise<NinjaDevice | null> {
    const df = `id=${id}`;
    const [organizations, locations, devices, customFields] = await Promise.all([
      listOrganizations(),
      listLocations(),
      listRawDevices({ df }),
      listCustomFields(customFieldNames(), { df }),
    ]);
    const device = devices.find((d) => d.id === id);
    if (!device) return null;
    return normaliseNinjaDevice(device, {
      organizations: new Map(organizations.map((o) => [o.id, o.name])),
      locations: new Map(locations.map((l) => [l.id, l.name])),
      customFields,
      readinessFields,
    });
  }

  return {
    listOrganizations,
    listLocations,
    listRawDevices,
    listCustomFields,
    listDevices,
    getDevice,
    async getAccessToken() {
      return (await getToken()).value;
    },
  };
}
