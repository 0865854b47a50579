import type { EventStore } from '../ports/event-store.port';

/** An aggregate's state rebuilt from its stream, and the version to expect when appending. */
export interface Loaded<S> {
  state: S;
  version: number;
}

/**
 * Load → evolve: the command side's only read of the truth. Events are fed to `evolve` as the
 * domain's `{type, data}` union; the store has already upcast them to the current shapes.
 */
export async function loadAggregate<S, E extends { type: string; data: unknown }>(
  store: EventStore,
  streamId: string,
  evolve: (state: S, event: E) => S,
  initial: () => S,
  /** When given, a stream of another kind of aggregate loads as `initial()` (absent) instead of being folded. */
  streamType?: string,
): Promise<Loaded<S>> {
  const events = await store.readStream(streamId);
  // An id of one kind sent where another is expected (an instance id to DELETE /v1/vpcs/{id}) names
  // no such aggregate: folding the other aggregate's events would hit the domain's exhaustive switch.
  if (streamType !== undefined && events.length > 0 && events[0].streamType !== streamType) return { state: initial(), version: events[events.length - 1].version };
  const state = events.reduce((s, e) => evolve(s, { type: e.type, data: e.data } as E), initial());
  return { state, version: events.length === 0 ? 0 : events[events.length - 1].version };
}

/** Stream ids are the resource ids (their prefixes keep them apart), except caller-chosen hypervisor ids. */
export const StreamIds = {
  hypervisor: (id: string) => `hypervisor:${id}`,
} as const;

export const StreamTypes = {
  vpc: 'vpc',
  securityGroup: 'security-group',
  instance: 'instance',
  hypervisor: 'hypervisor',
  operation: 'operation',
} as const;
