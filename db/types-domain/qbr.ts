// Tables of the qbr domain (see db/migrations). Empty until its migration lands.
export interface QbrTables {}
