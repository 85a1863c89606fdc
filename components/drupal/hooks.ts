'use client';

import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { apiFetch } from '@/components/api-fetch';
import { adminKeys } from '@/components/admin/query-keys';
import { drupalKeys } from '@/components/drupal/query-keys';

// One hook per drupal endpoint the client components call. The pages are
// server-rendered, so a successful write invalidates its keys by prefix and
// refreshes the route to re-render the server data.

type Data<T> = { data: T };

export type RegisteredSite = { id: number; name: string; url: string; organization_id: number };
export type RegisterSiteInput = { url: string; name: string; description?: string; organization_id: number };
type SiteApiKey = { id: number; key?: string; site_id: number | null; is_revoked?: boolean };
export type SiteKeyTarget = { id: number; name: string; organization_id: number };
export type AcceptRiskInput = { reason: string; expires_at: string };

function useRefreshAfter(...keys: (readonly unknown[])[]) {
  const client = useQueryClient();
  const router = useRouter();
  return () => refresh(client, router.refresh, keys);
}

async function refresh(client: QueryClient, refreshRoute: () => void, keys: (readonly unknown[])[]) {
  await Promise.all(keys.map((queryKey) => client.invalidateQueries({ queryKey })));
  refreshRoute();
}

// POST /api/v1/sites – register a site
export function useRegisterSiteMutation() {
  const onSuccess = useRefreshAfter(drupalKeys.sites());
  return useMutation({
    mutationFn: (input: RegisterSiteInput) => apiFetch<Data<RegisteredSite>>('/api/v1/sites', { method: 'POST', json: input }).then((e) => e.data),
    onSuccess,
  });
}

/**
 * POST /api/v1/api-keys – create the site's reporting key (role developer, bound
 * to the site). With `rotate`, the site's older keys (GET /api/v1/api-keys?site_id)
 * are revoked afterwards (DELETE /api/v1/api-keys/{id}). Resolves to the new key.
 */
export function useIssueSiteKeyMutation(site: SiteKeyTarget) {
  const client = useQueryClient();
  const onSuccess = useRefreshAfter(drupalKeys.site(site.id), adminKeys.apiKeys(), adminKeys.auditLogs());
  return useMutation({
    mutationFn: async ({ rotate }: { rotate: boolean }) => {
      const older = rotate
        ? await client.fetchQuery({
            queryKey: drupalKeys.siteApiKeys(site.id),
            queryFn: ({ signal }) => apiFetch<Data<SiteApiKey[]>>(`/api/v1/api-keys?site_id=${site.id}&per_page=100`, { signal }).then((e) => e.data),
            staleTime: 0,
          })
        : [];
      const created = await apiFetch<Data<SiteApiKey>>('/api/v1/api-keys', {
        method: 'POST',
        json: { name: `${site.name} module reports`.slice(0, 120), organization_id: site.organization_id, role: 'developer', site_id: site.id },
      }).then((e) => e.data);
      for (const old of older.filter((k) => k.site_id === site.id && !k.is_revoked)) {
        await apiFetch(`/api/v1/api-keys/${old.id}`, { method: 'DELETE' });
      }
      return created.key ?? null;
    },
    onSuccess,
  });
}

// PUT /api/v1/site-modules/{id}/accept-risk – accept a module's update risk until a date
export function useAcceptRiskMutation(siteModuleId: number) {
  const onSuccess = useRefreshAfter(drupalKeys.siteModule(siteModuleId), drupalKeys.sites());
  return useMutation({
    mutationFn: (input: AcceptRiskInput) =>
      apiFetch<Data<unknown>>(`/api/v1/site-modules/${siteModuleId}/accept-risk`, { method: 'PUT', json: input }).then((e) => e.data),
    onSuccess,
  });
}

// DELETE /api/v1/site-modules/{id}/accept-risk – withdraw an accepted risk
export function useWithdrawRiskMutation(siteModuleId: number) {
  const onSuccess = useRefreshAfter(drupalKeys.siteModule(siteModuleId), drupalKeys.sites());
  return useMutation({
    mutationFn: () => apiFetch<Data<unknown>>(`/api/v1/site-modules/${siteModuleId}/accept-risk`, { method: 'DELETE' }).then((e) => e.data),
    onSuccess,
  });
}
