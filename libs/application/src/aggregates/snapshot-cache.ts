import type { EventStore } from '../ports/event-store.port';
import type { AggregateType } from './aggregates';
import type { Loaded } from './load-aggregate';

/**
 * Aggregates kept in memory at the version last read, so loading one reads only the events
 * appended since (by this process or any other) instead of folding its whole stream again.
 * Only events read back from the store are folded in, never a decision that might not commit,
 * and events are never changed or deleted: a cached state is the stream's state at its version.
 * The states are shared with callers, who must not mutate them (decide and evolve are pure).
 * Least recently used entries go first once `capacity` is reached.
 */
export class SnapshotCache<S, E extends { type: string; data: unknown }> {
  private readonly entries = new Map<string, Loaded<S>>();

  constructor(
    /** The kind of aggregate it holds: a stream of another kind (an id of the wrong sort) loads as its initial state. */
    private readonly aggregate: AggregateType<S, E>,
    /** Groups of up to 200 rules: a thousand of them is tens of MB at most. */
    private readonly capacity = 1_000,
  ) {}

  async load(store: EventStore, streamId: string): Promise<Loaded<S>> {
    const cached = this.entries.get(streamId);
    const from = cached?.version ?? 0;
    const events = await store.readStream(streamId, { fromVersion: from + 1 });
    let state = cached?.state ?? this.aggregate.initial();
    let version = from;
    if (events.length > 0 && events[0].streamType !== this.aggregate.events.streamType) return { state: this.aggregate.initial(), version: events[events.length - 1].version };
    for (const e of events) {
      // A gap means the cache and the stream disagree (it cannot happen with an append-only
      // store); fold the whole stream rather than trust either.
      if (e.version !== version + 1) {
        if (!cached) throw new Error(`stream ${streamId} skips from version ${version} to ${e.version}`);
        this.entries.delete(streamId);
        return this.load(store, streamId);
      }
      state = this.aggregate.evolve(state, this.aggregate.events.decode(e));
      version = e.version;
    }
    const loaded = { state, version };
    this.entries.delete(streamId);
    if (version > 0) this.entries.set(streamId, loaded);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return loaded;
  }
}
