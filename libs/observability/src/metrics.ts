import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * One registry per application object, never prom-client's global one: the tests run an API and
 * a worker in one process, and each must count only its own. With the process's default
 * metrics (CPU, memory, heap, event-loop lag, GC), as every process exports them.
 */
export function createRegistry(defaultLabels: Record<string, string> = {}): Registry {
  const registry = new Registry();
  registry.setDefaultLabels(defaultLabels);
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** Request durations: from a health check (ms) to a slow push or a big listing (seconds). */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** From accept to applied everywhere: the sync waits 100 ms to coalesce, retries back off for minutes. */
export const PROPAGATION_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900];

/** `http_request_duration_seconds{method, route, status}`: the same series in every process. */
export function httpDurationHistogram(registry: Registry): Histogram<'method' | 'route' | 'status'> {
  return new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests served, by method, route template and status code.',
    labelNames: ['method', 'route', 'status'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
}

/** The route label of a request no route matched: never the path itself, which a caller chooses. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Times one request from now until its response is done (or the connection closed), and labels
 * it with the route it matched by then (`route()` is asked at the end: routers decide late).
 */
export function timeRequest(
  histogram: Histogram<'method' | 'route' | 'status'>,
  req: { method?: string },
  res: { statusCode: number; once(event: 'close', listener: () => void): unknown },
  route: () => string | undefined,
): void {
  const end = histogram.startTimer();
  res.once('close', () => end({ method: req.method ?? 'GET', route: route() ?? UNMATCHED_ROUTE, status: String(res.statusCode) }));
}

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
