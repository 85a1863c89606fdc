import type { ColumnType } from 'kysely';

// Column shapes shared by every domain's table types.
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** jsonb that may be omitted on insert; written as a JSON string. */
export type Json = ColumnType<unknown, string | undefined, string>;
/** jsonb that must be given on insert. */
export type JsonRequired = ColumnType<unknown, string, string>;
