import { Counter, Histogram, LATENCY_BUCKETS, type Registry } from '@sg/observability';
import { type AppendResult, type AppendUnit, ConcurrencyError, type EventStore, ReadModelClashError } from '@sg/application';

const INSTRUMENTED = Symbol('append-metrics');

/**
 * Times every append of `store` into `registry`: `sg_event_append_duration_seconds{outcome}`
 * (ok, conflict: a concurrent writer or a read-model clash, error) and
 * `sg_events_appended_total{stream_type}`. Every append of the Postgres store goes through
 * `appendBatch` (append and appendToStreams call it), so wrapping that one method on the
 * instance counts each append once, without touching the store itself.
 */
export function instrumentAppends(store: EventStore, registry: Registry): void {
  const target = store as EventStore & { [INSTRUMENTED]?: true };
  if (target[INSTRUMENTED]) return;
  target[INSTRUMENTED] = true;
  const duration = new Histogram({
    name: 'sg_event_append_duration_seconds',
    help: 'Event-store appends (one transaction: events, read models, idempotency record), by outcome.',
    labelNames: ['outcome'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const appended = new Counter({ name: 'sg_events_appended_total', help: 'Events appended, by stream type.', labelNames: ['stream_type'], registers: [registry] });
  const original = store.appendBatch.bind(store);
  store.appendBatch = async (units: readonly AppendUnit[]): Promise<AppendResult[]> => {
    const end = duration.startTimer();
    try {
      const results = await original(units);
      end({ outcome: 'ok' });
      for (const result of results) for (const event of result.events) appended.inc({ stream_type: event.streamType });
      return results;
    } catch (error) {
      end({ outcome: error instanceof ConcurrencyError || error instanceof ReadModelClashError ? 'conflict' : 'error' });
      throw error;
    }
  };
}
