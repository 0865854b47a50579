import { EVENT_REGISTRY } from '@sg/application';
import type { DataSource } from 'typeorm';
import type { FindingCheck } from '@sg/domain';
import { inlineProjections } from '../projections';
import { PostgresEventStore } from './postgres-event-store';

/**
 * The event store as every process of the system uses it (the API, the worker, `projections:rebuild`,
 * the benchmarks): the one event registry, so an upcaster registered there applies everywhere,
 * and every inline projection, so each append writes its read models in its own transaction.
 */
export function createEventStore(dataSource: DataSource, options: { idempotencyTtlMs?: number; findingChecks?: ReadonlySet<FindingCheck> } = {}): PostgresEventStore {
  return new PostgresEventStore(dataSource, { registry: EVENT_REGISTRY, projections: inlineProjections(options.findingChecks), idempotencyTtlMs: options.idempotencyTtlMs });
}
