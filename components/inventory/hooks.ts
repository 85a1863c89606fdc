'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { adminKeys } from '@/components/admin/query-keys';
import { apiFetch } from '@/components/api-fetch';
import { useRefreshAfter } from '@/components/use-refresh-after';
import type { ExceptionItem, ExceptionListPage } from '@/lib/inventory/dto';
import { applyExceptionAction, exceptionActionRequest, type ExceptionAction } from './exception-actions';
import { inventoryKeys } from './query-keys';

// One hook per inventory endpoint the client components call. The pages are
// server-rendered: a write invalidates its keys by prefix, and refreshes the
// route for what only the server renders (totals, pagination, badges).

type ExceptionHistoryEntry = { at: string; from: string; to: string; by: string; reason: string };
type ExceptionActionInput = { rows: Pick<ExceptionItem, 'id' | 'version'>[]; action: ExceptionAction; notes?: string };
type RenameInput = { computer_id?: string; hostname?: string; new_name: string; old_name?: string };
type CreatedOrganizations = { created: { name: string }[]; confirmed: number; skipped: unknown[] };

// GET /api/inventory/exceptions?<search> – a page of the work list; the server page's copy is the initial data
export function useExceptionListQuery(search: string, initialData: ExceptionListPage) {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: inventoryKeys.exceptionList(search),
    queryFn: ({ signal }) => apiFetch<ExceptionListPage>(`/api/inventory/exceptions${search ? `?${search}` : ''}`, { signal }),
    initialData,
  });
  // A later render of the page (a visit back, a route refresh) is newer than what the cache kept of it.
  useEffect(() => {
    client.setQueryData(inventoryKeys.exceptionList(search), initialData);
  }, [client, search, initialData]);
  return query;
}

// GET /api/exceptions/{id} – one exception with its history
export function useExceptionQuery(id: number) {
  return useQuery({
    queryKey: inventoryKeys.exception(id),
    queryFn: ({ signal }) => apiFetch<{ history?: ExceptionHistoryEntry[] }>(`/api/exceptions/${id}`, { signal }),
  });
}

/**
 * POST /api/exceptions/{id}/resolve, …/mark-manually-fixed or /api/exceptions/bulk-update –
 * an action on rows of the work list page `search`, shown in the list at once
 * and rolled back if the server refuses.
 */
export function useExceptionActionMutation(search: string, openOnly: boolean) {
  const client = useQueryClient();
  // The server's list is the truth; after a 409 it shows what the other person changed.
  const refresh = useRefreshAfter(inventoryKeys.exceptions());
  const key = inventoryKeys.exceptionList(search);
  return useMutation({
    mutationFn: ({ rows, action, notes }: ExceptionActionInput) => {
      const { path, body } = exceptionActionRequest(rows, action, notes);
      return apiFetch<unknown>(path, { method: 'POST', json: body });
    },
    onMutate: async ({ rows, action }) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<ExceptionListPage>(key);
      const ids = rows.map((r) => r.id);
      client.setQueryData<ExceptionListPage>(key, (old) => old && { ...old, items: applyExceptionAction(old.items, ids, action, openOnly) });
      return { previous };
    },
    onError: (_error, _input, context) => {
      if (context?.previous) client.setQueryData(key, context.previous);
    },
    onSettled: refresh,
  });
}

// POST /api/threatlocker/update-name – rename the computer in ThreatLocker (it is then re-read and checked again)
export function useRenameInThreatLockerMutation() {
  const onSuccess = useRefreshAfter(inventoryKeys.exceptions());
  return useMutation({
    mutationFn: (input: RenameInput) => apiFetch<{ success: boolean; message: string }>('/api/threatlocker/update-name', { method: 'POST', json: input }),
    onSuccess,
  });
}

// PUT /api/inventory/vendor-organizations/{id} – which of our organisations a vendor organisation is (or none)
export function useMapVendorOrganizationMutation(id: number) {
  // A mapping moves the client's devices and exceptions into its tenant.
  const onSuccess = useRefreshAfter(inventoryKeys.all, adminKeys.auditLogs());
  return useMutation({
    mutationFn: (organizationId: number | null) =>
      apiFetch<unknown>(`/api/inventory/vendor-organizations/${id}`, { method: 'PUT', json: { organization_id: organizationId } }),
    onSuccess,
  });
}

// POST /api/inventory/vendor-organizations/create-organizations – one of our organisations for every unmatched NinjaOne client, mapping confirmed
export function useCreateOrganizationsMutation() {
  const onSuccess = useRefreshAfter(inventoryKeys.all, adminKeys.organizations(), adminKeys.auditLogs());
  return useMutation({
    mutationFn: () => apiFetch<CreatedOrganizations>('/api/inventory/vendor-organizations/create-organizations', { method: 'POST' }),
    onSuccess,
  });
}
