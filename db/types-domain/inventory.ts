// Tables of the inventory domain (see db/migrations). Empty until its migration lands.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InventoryTables {}
