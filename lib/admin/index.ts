// What code outside the admin slice may use.

// Creating an organisation, audited (the inventory's one-click set-up of vendor organisations).
export { insertOrganization } from './organizations';
