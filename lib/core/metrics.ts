import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

// Prometheus metrics of this process, served at /api/metrics.
const store = globalThis as unknown as {
  __mspMetrics?: { registry: Registry; requests: Counter<string>; duration: Histogram<string> };
};

export function metrics() {
  if (store.__mspMetrics) return store.__mspMetrics;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'API requests by route, method and status',
    labelNames: ['route', 'method', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'API request duration by route and method',
    labelNames: ['route', 'method'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return (store.__mspMetrics = { registry, requests, duration });
}
