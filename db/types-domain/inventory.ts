// Tables of the inventory domain (see db/migrations). Empty until its migration lands.
export interface InventoryTables {}
