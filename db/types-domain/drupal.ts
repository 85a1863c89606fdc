// Tables of the drupal domain (see db/migrations). Empty until its migration lands.
export interface DrupalTables {}
