// React Query keys for the inventory domain. Every key starts with ['inventory', <entity>]
// so that a mutation can invalidate one entity (or everything) by prefix.

export const inventoryKeys = {
  all: ['inventory'] as const,
  exceptions: () => [...inventoryKeys.all, 'exceptions'] as const,
  /** A page of the work list, by its URL search string (the page's filters, sort and page). */
  exceptionList: (search: string) => [...inventoryKeys.exceptions(), 'list', search] as const,
  exception: (id: number) => [...inventoryKeys.exceptions(), 'detail', id] as const,
  vendorOrganizations: () => [...inventoryKeys.all, 'vendor-organizations'] as const,
};
