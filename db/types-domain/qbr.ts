// Tables of the qbr domain (see db/migrations). Empty until its migration lands.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface QbrTables {}
