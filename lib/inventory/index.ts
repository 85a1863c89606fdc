// What code outside the inventory slice may use.

// The exception work list (its page and its API)
export { listExceptionWorkPage } from './exception-work-list';
export { parseExceptionListParams } from './export-filters';
