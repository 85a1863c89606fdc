'use client';

import { useMutation } from '@tanstack/react-query';
import { apiFetch, describeIssues } from '@/components/api-fetch';
import { useRefreshAfter } from '@/components/use-refresh-after';
import { qbrKeys } from './query-keys';

// One hook per QBR endpoint the client components call. The pages are
// server-rendered, so a successful write invalidates its keys by prefix and
// refreshes the route to re-render the server data.

type Data<T> = { data: T };

type ManualMetricsInput = {
  period: string;
  organization_id: number;
  metrics: { metric_name: string; metric_value: number | null; notes: string | null; override: boolean }[];
};
type ManualMetricsResult = { metrics: { metric_name: string; effective_value: number | null; effective_source: string | null }[] };
type ThresholdInput = { metric_name: string; organization_id: number | null; direction: string; green: number | null; yellow: number | null };
type QbrConfigInput = {
  reactive_boards: string[];
  closed_statuses: string[];
  account_mappings: { account_name: string; category: string }[];
  vendor_mappings: { organization_id: number; vendor: string | undefined; external_id: string; external_name: string | null }[];
};
type QueuedRefresh = { runs: { job_name: string; job_id: string }[] };

/** What a form says once a mutation settles: its success lines, or one line per problem the API named. */
export function outcomeOf<T>(mutation: { status: string; data: T | undefined; error: unknown }, success: (data: T) => string[]): { tone: 'success' | 'error'; lines: string[] } | null {
  if (mutation.status === 'success') return { tone: 'success', lines: success(mutation.data as T) };
  if (mutation.status === 'error') return { tone: 'error', lines: describeIssues(mutation.error) };
  return null;
}

// POST /api/qbr/metrics/manual – a client's hand-entered monthly values (SmartNumbers are recomputed)
export function useEnterManualMetricsMutation(organizationId: number) {
  const onSuccess = useRefreshAfter(qbrKeys.organization(organizationId));
  return useMutation({
    mutationFn: (input: ManualMetricsInput) => apiFetch<Data<ManualMetricsResult>>('/api/qbr/metrics/manual', { method: 'POST', json: input }).then((e) => e.data),
    onSuccess,
  });
}

// POST /api/qbr/thresholds – a metric's threshold, for one client or every one
export function useSaveThresholdMutation() {
  // A global threshold colours every client's scorecard.
  const onSuccess = useRefreshAfter(qbrKeys.all);
  return useMutation({
    mutationFn: (input: ThresholdInput) => apiFetch<Data<unknown>>('/api/qbr/thresholds', { method: 'POST', json: input }).then((e) => e.data),
    onSuccess,
  });
}

// PUT /api/qbr/config – the collectors' configuration (used from their next run)
export function useSaveQbrConfigMutation() {
  const onSuccess = useRefreshAfter(qbrKeys.config());
  return useMutation({
    mutationFn: (input: QbrConfigInput) => apiFetch<Data<unknown>>('/api/qbr/config', { method: 'PUT', json: input }).then((e) => e.data),
    onSuccess,
  });
}

// POST /api/qbr/refresh – queue the QBR collectors and the metrics job now
export function useQueueQbrRefreshMutation() {
  return useMutation({
    mutationFn: () => apiFetch<Data<QueuedRefresh>>('/api/qbr/refresh', { method: 'POST', json: {} }).then((e) => e.data),
  });
}
