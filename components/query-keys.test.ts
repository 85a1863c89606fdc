import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { adminKeys } from './admin/query-keys';
import { drupalKeys } from './drupal/query-keys';
import { inventoryKeys } from './inventory/query-keys';
import { qbrKeys } from './qbr/query-keys';

// Mutations invalidate by key prefix: an entity's key must reach every list
// and detail of that entity, and nothing of another entity or slice. Checked
// with React Query's own matching, on a cache holding every kind of key.

type Key = readonly unknown[];
const FACTORIES = { admin: adminKeys, drupal: drupalKeys, inventory: inventoryKeys, qbr: qbrKeys } as const;
const SAMPLE_ARGS: Record<string, unknown[][]> = {
  userList: [[{ page: 1, per_page: 25 }], [{ q: 'ann', page: 2, per_page: 25 }]],
  organizationList: [[{ page: 1, per_page: 25 }]],
  apiKeyList: [[{ page: 1, per_page: 25, include_revoked: true }]],
  auditLogList: [[{ page: 1, per_page: 50, action: 'user.*' }]],
  exceptionList: [[''], ['type=MISSING_NINJA&sort=hostname']],
};

/** Every key a factory makes: its entity keys (no argument) and its lists and details (with sample arguments). */
type Made = { name: string; key: Key; prefix: boolean };
function keysOf(factory: Record<string, unknown>): Made[] {
  return Object.entries(factory).flatMap(([name, make]): Made[] => {
    if (Array.isArray(make)) return [{ name, key: make as Key, prefix: true }];
    const fn = make as (...args: unknown[]) => Key;
    if (fn.length === 0) return [{ name, key: fn(), prefix: true }];
    return (SAMPLE_ARGS[name] ?? [[7], [8]]).map((args) => ({ name, key: fn(...args), prefix: false }));
  });
}

const startsWith = (key: Key, prefix: Key) => prefix.every((part, i) => JSON.stringify(key[i]) === JSON.stringify(part));

describe('query key factories', () => {
  const all = Object.entries(FACTORIES).flatMap(([slice, factory]) => keysOf(factory).map((k) => ({ ...k, slice })));

  it('start every key with its slice, and give distinct things distinct keys', () => {
    for (const { slice, key } of all) expect(key[0]).toBe(slice);
    const hashes = all.map((k) => JSON.stringify(k.key));
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it('invalidate by an entity key exactly the queries under it', async () => {
    for (const target of all.filter((k) => k.prefix)) {
      const client = new QueryClient();
      for (const { key } of all) client.setQueryData(key, { cached: key });
      await client.invalidateQueries({ queryKey: target.key, refetchType: 'none' });
      const invalidated = all.filter(({ key }) => client.getQueryState(key)?.isInvalidated).map((k) => JSON.stringify(k.key));
      const expected = all.filter(({ key }) => startsWith(key, target.key)).map((k) => JSON.stringify(k.key));
      expect(invalidated, `${target.slice}.${target.name}`).toEqual(expected);
      client.clear();
    }
  });

  it('reach what the hooks rely on', () => {
    expect(startsWith(inventoryKeys.exceptionList('status=all'), inventoryKeys.exceptions())).toBe(true);
    expect(startsWith(inventoryKeys.exception(3), inventoryKeys.exceptions())).toBe(true);
    expect(startsWith(inventoryKeys.vendorOrganizations(), inventoryKeys.exceptions())).toBe(false);
    expect(startsWith(drupalKeys.siteApiKeys(5), drupalKeys.site(5))).toBe(true);
    expect(startsWith(drupalKeys.siteApiKeys(5), drupalKeys.site(6))).toBe(false);
    expect(startsWith(qbrKeys.organization(2), qbrKeys.all)).toBe(true);
    expect(startsWith(adminKeys.user(1), adminKeys.users())).toBe(true);
    expect(startsWith(adminKeys.apiKeyList({ page: 1, per_page: 25 }), adminKeys.users())).toBe(false);
  });
});
