import { createRegistry, Gauge, Histogram, httpDurationHistogram, Registry } from '@sg/observability';

/**
 * The API's Prometheus registry (its own, not prom-client's global one: tests run several APIs
 * in one process): the process's default metrics, request durations by route template and
 * status, event appends (instrumentAppends), and the notification streams held open.
 */
export class ApiMetrics {
  readonly registry: Registry = createRegistry();
  readonly http: Histogram<'method' | 'route' | 'status'> = httpDurationHistogram(this.registry);
  /** Set by OpenStreams, which knows them. */
  countOpenStreams: () => number = () => 0;
  readonly openStreams: Gauge = new Gauge({
    name: 'sg_notification_streams_open',
    help: 'Notification streams (SSE) this API process holds open.',
    registers: [this.registry],
    collect: () => this.openStreams.set(this.countOpenStreams()),
  });
}
