import type { EventStore } from '../ports/event-store.port';
import type { AggregateType } from './aggregates';

/** An aggregate's state rebuilt from its stream, and the version to expect when appending. */
export interface Loaded<S> {
  state: S;
  version: number;
}

/**
 * Load → evolve: the command side's only read of the truth. The store has already upcast the
 * events to their current shapes; the aggregate's event family checks each one on the way in.
 */
export async function loadAggregate<S, E extends { type: string; data: unknown }>(store: EventStore, streamId: string, aggregate: AggregateType<S, E>): Promise<Loaded<S>> {
  const events = await store.readStream(streamId);
  // An id of one kind sent where another is expected (an instance id to DELETE /v1/vpcs/{id}) names
  // no such aggregate: folding the other aggregate's events would hit the domain's exhaustive switch.
  if (events.length > 0 && events[0].streamType !== aggregate.events.streamType) return { state: aggregate.initial(), version: events[events.length - 1].version };
  const state = events.reduce((s, e) => aggregate.evolve(s, aggregate.events.decode(e)), aggregate.initial());
  return { state, version: events.length === 0 ? 0 : events[events.length - 1].version };
}
