import { createHttpClient, type HttpClient } from '@/lib/vendors/http/client';
import { isVendorError } from '@/lib/vendors/http/errors';
import type { RetryPolicy } from '@/lib/vendors/http/retry';

// Fetches https://updates.drupal.org/release-history/{project}/current
// politely: a bounded number of requests in flight, conditional requests
// (ETag / Last-Modified), and backoff on 429 and 5xx honouring Retry-After.

export type FetchOutcome =
  | { kind: 'fetched'; xml: string; etag: string | null; lastModified: string | null }
  | { kind: 'not-modified' }
  | { kind: 'failed'; message: string };

export type ReleaseFetcherOptions = {
  baseUrl: string;
  concurrency?: number;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
};

export type ReleaseFetcher = {
  fetch(project: string, validators: { etag: string | null; lastModified: string | null }): Promise<FetchOutcome>;
};

export function createReleaseFetcher(options: ReleaseFetcherOptions): ReleaseFetcher {
  const client: HttpClient = createHttpClient({
    vendor: 'updates.drupal.org',
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs ?? 20_000,
    maxConcurrency: options.concurrency ?? 4,
    retry: { retries: 2, baseDelayMs: 1_000, maxDelayMs: 15_000, maxRetryAfterMs: 60_000, ...options.retry },
    headers: { accept: 'application/xml, text/xml;q=0.9, */*;q=0.1', 'user-agent': 'msp-ops-hub release monitor' },
  });
  return {
    async fetch(project, validators) {
      const headers: Record<string, string> = {};
      if (validators.etag) headers['if-none-match'] = validators.etag;
      if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
      try {
        const response = await client.send({ path: `${encodeURIComponent(project)}/current`, headers });
        return {
          kind: 'fetched',
          xml: response.body,
          etag: response.headers.get('etag'),
          lastModified: response.headers.get('last-modified'),
        };
      } catch (error) {
        if (isVendorError(error) && error.status === 304) return { kind: 'not-modified' };
        return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
