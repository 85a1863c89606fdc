// React Query keys for the drupal domain. Every key starts with ['drupal', <entity>]
// so that a mutation can invalidate one entity (or everything) by prefix.

export const drupalKeys = {
  all: ['drupal'] as const,
  sites: () => [...drupalKeys.all, 'sites'] as const,
  site: (id: number) => [...drupalKeys.sites(), 'detail', id] as const,
  siteApiKeys: (siteId: number) => [...drupalKeys.site(siteId), 'api-keys'] as const,
  siteModules: () => [...drupalKeys.all, 'site-modules'] as const,
  siteModule: (id: number) => [...drupalKeys.siteModules(), 'detail', id] as const,
};
