import { sql } from 'kysely';
import type { Db } from '@/db';
import type { QbrVendor } from '@/db/types-domain/qbr';
import { insertChunked } from './chunked';

// The collectors' configuration: settings (JSON by key), QuickBooks account
// → category mappings, and which vendor company/customer is which organisation.

export async function readQbrSetting<T>(db: Db, key: string): Promise<T | undefined> {
  const row = await db.selectFrom('qbr_settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? (row.value as T) : undefined;
}

export async function writeQbrSetting(db: Db, key: string, value: unknown, by: number | null): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('qbr_settings')
    .values({ key, value: json, updated_by: by })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_by: by, updated_at: sql`now()` }))
    .execute();
}

export type AccountMappingRow = { account_name: string; category: string };

export async function listAccountMappings(db: Db): Promise<AccountMappingRow[]> {
  return db.selectFrom('qbr_account_mappings').select(['account_name', 'category']).orderBy('account_name').execute();
}

export async function replaceAccountMappings(db: Db, rows: readonly AccountMappingRow[], by: number | null): Promise<void> {
  await db.deleteFrom('qbr_account_mappings').execute();
  await insertChunked(rows, (chunk) => db.insertInto('qbr_account_mappings').values(chunk.map((r) => ({ ...r, updated_by: by }))).execute());
}

export type VendorMappingRow = { organization_id: number; vendor: QbrVendor; external_id: string; external_name: string | null };

/** Mappings of live organisations. */
export async function listVendorMappings(db: Db): Promise<VendorMappingRow[]> {
  return db
    .selectFrom('qbr_vendor_mappings')
    .innerJoin('organizations', 'organizations.id', 'qbr_vendor_mappings.organization_id')
    .select(['qbr_vendor_mappings.organization_id', 'qbr_vendor_mappings.vendor', 'qbr_vendor_mappings.external_id', 'qbr_vendor_mappings.external_name'])
    .where('organizations.is_deleted', '=', false)
    .orderBy('qbr_vendor_mappings.vendor')
    .orderBy('qbr_vendor_mappings.organization_id')
    .execute();
}

export async function replaceVendorMappings(db: Db, rows: readonly VendorMappingRow[], by: number | null): Promise<void> {
  await db.deleteFrom('qbr_vendor_mappings').execute();
  await insertChunked(rows, (chunk) => db.insertInto('qbr_vendor_mappings').values(chunk.map((r) => ({ ...r, updated_by: by }))).execute());
}
