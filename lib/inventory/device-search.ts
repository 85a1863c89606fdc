import { searchSnapshotDevices } from '@/db/queries/inventory/devices';
import { latestSnapshotDate } from '@/db/queries/inventory/snapshots';
import { authorize, scopeOf } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { AppError } from '@/lib/core/errors';
import { getHostnameKey, matchDevices, NETBIOS_NAME_LENGTH } from './model/hostname';
import { VENDORS, type VendorKey } from './vendors';

// Device search across both vendors' latest snapshots. ThreatLocker keeps
// NetBIOS names (15 characters), so a full name also finds its truncated
// form and the other way round; results are grouped by physical device with
// the same matcher the checks use.

export interface DeviceHit {
  vendor: string;
  vendor_device_id: string;
  hostname: string | null;
  hostname_key: string;
  display_name: string | null;
  serial_number: string | null;
  organization: string | null;
  organization_id: number | null;
  location: string | null;
  device_type: string | null;
  billing_status: string | null;
  status: string | null;
  last_online: string | null;
  snapshot_date: string;
  is_truncated: boolean;
}

async function searchVendor(ctx: RequestContext, vendor: (typeof VENDORS)[VendorKey], term: string, key: string, limit: number): Promise<DeviceHit[]> {
  const date = await latestSnapshotDate(ctx.db, vendor.id);
  if (!date) return [];
  const rows = await searchSnapshotDevices(ctx.db, scopeOf(ctx.actor), vendor.id, date, { term, key, netbiosLength: NETBIOS_NAME_LENGTH, limit: limit + 1 });
  return rows.map((r) => ({
    vendor: vendor.name,
    vendor_device_id: r.vendor_device_key,
    hostname: r.hostname,
    hostname_key: r.hostname_key,
    display_name: r.display_name,
    serial_number: r.serial_number,
    organization: r.our_organization ?? r.organization_name,
    organization_id: r.organization_id,
    location: r.location_name,
    device_type: r.device_type_name,
    billing_status: r.billable_status_name,
    status: r.device_status,
    last_online: r.last_online?.toISOString() ?? null,
    snapshot_date: date,
    is_truncated: false,
  }));
}

export async function searchDevices(ctx: RequestContext, input: { q: string; vendor?: VendorKey; limit: number }) {
  authorize(ctx.actor, 'inventory:read');
  const key = getHostnameKey(input.q);
  if (key === '') throw new AppError('validation_failed', 'Request is not valid', [{ path: 'q', code: 'custom', message: 'Give part of a hostname' }]);
  const vendors = input.vendor ? [input.vendor] : (['ninja', 'threatlocker'] as const);
  const found = await Promise.all(vendors.map((v) => searchVendor(ctx, VENDORS[v], input.q.trim(), key, input.limit)));
  const overLimit = found.some((hits) => hits.length > input.limit);
  const [ninjaHits, tlHits] = input.vendor
    ? input.vendor === 'ninja'
      ? [found[0]!.slice(0, input.limit), []]
      : [[], found[0]!.slice(0, input.limit)]
    : [found[0]!.slice(0, input.limit), found[1]!.slice(0, input.limit)];

  const ninjaKeys = ninjaHits.map((h) => h.hostname_key);
  for (const hit of tlHits) {
    hit.is_truncated = hit.hostname_key.length === NETBIOS_NAME_LENGTH && ninjaKeys.some((k) => k.length > NETBIOS_NAME_LENGTH && k.startsWith(hit.hostname_key));
  }
  const toMatchable = (h: DeviceHit) => ({ ...h, serialNumber: h.serial_number, organizationId: h.organization_id, lastSeen: h.last_online });
  const match = matchDevices(ninjaHits.map(toMatchable), tlHits.map(toMatchable));
  const strip = ({ serialNumber: _s, organizationId: _o, lastSeen: _l, ...hit }: ReturnType<typeof toMatchable>): DeviceHit => hit;

  const groups = new Map<string, { canonical_key: string; match_method: string | null; vendors: string[]; devices: DeviceHit[] }>();
  const add = (key: string, method: string | null, devices: DeviceHit[]) => {
    const group = groups.get(key) ?? { canonical_key: key, match_method: method, vendors: [], devices: [] };
    group.devices.push(...devices);
    group.match_method ??= method;
    group.vendors = [...new Set(group.devices.map((d) => d.vendor))];
    groups.set(key, group);
  };
  for (const pair of match.pairs) add(pair.key, pair.method, [strip(pair.ninja), strip(pair.threatlocker)]);
  for (const d of [...match.unmatchedNinja, ...match.redundantNinja, ...match.unmatchedThreatlocker, ...match.redundantThreatlocker]) {
    add(d.hostname_key || `${d.vendor}:${d.vendor_device_id}`, null, [strip(d)]);
  }
  const all = [...ninjaHits, ...tlHits];
  const truncated = tlHits.filter((h) => h.is_truncated).map((h) => h.hostname ?? h.hostname_key);
  const warnings = [
    truncated.length > 0 ? `ThreatLocker shows ${truncated.length} of these names cut to ${NETBIOS_NAME_LENGTH} characters; they are grouped with the full NinjaOne name` : null,
    overLimit ? `More than ${input.limit} matches for one vendor: refine the search` : null,
  ].filter((w): w is string => w !== null);
  return {
    search_term: input.q,
    hostname_key: key,
    total_results: all.length,
    vendors_found: [...new Set(all.map((h) => h.vendor))],
    truncated_hostnames: truncated,
    grouped_by_canonical_key: Object.fromEntries([...groups].map(([k, g]) => [k, g])),
    groups: [...groups.values()],
    results: all,
    warning: warnings.length > 0 ? warnings.join('; ') : null,
  };
}
