import type { EventStore, IdempotencyRecord } from '../ports/event-store.port';
import { IdempotencyKeyReusedError } from './errors';
import type { Waiting } from './keyed-batcher';
import type { WriteContext, Written } from './write-command';

/** A request waiting for its batch, and its context. */
export type PendingWrite<T extends { context: WriteContext<O> }, O> = Waiting<T, Written<O>>;

/**
 * The idempotency side of the write path: a request whose key its face already answered gets that
 * answer back (or a refusal, when the key came with another request) instead of being decided.
 */
export class IdempotentReplays {
  constructor(private readonly store: EventStore) {}

  /** Settles the requests whose key was already used; returns the rest. */
  async withoutReplays<T extends { context: WriteContext<O> }, O>(entries: readonly PendingWrite<T, O>[]): Promise<PendingWrite<T, O>[]> {
    const previous = await Promise.all(
      entries.map(({ item: { context } }) =>
        context.actor.idempotencyKey ? this.store.findIdempotencyRecord(context.reply.face, context.actor.tenant, context.actor.idempotencyKey) : undefined,
      ),
    );
    return entries.filter((entry, i) => {
      const record = previous[i];
      if (record) this.replay(entry, record);
      return !record;
    });
  }

  /** Answers a request with the record of its key: the stored answer, if the request is the same one. */
  replay<T extends { context: WriteContext<O> }, O>(entry: PendingWrite<T, O>, record: IdempotencyRecord): void {
    const { actor, reply } = entry.item.context;
    if (record.requestHash !== reply.requestHash) entry.reject(new IdempotencyKeyReusedError(actor.idempotencyKey ?? record.key));
    else entry.resolve({ replayed: true, answer: record.response });
  }
}

/** Splits off the repeats of a key: one transaction cannot claim a key twice. */
export function oneKeyEach<T extends { context: WriteContext<O> }, O>(pending: readonly PendingWrite<T, O>[]): { now: PendingWrite<T, O>[]; after: PendingWrite<T, O>[] } {
  const seen = new Set<string>();
  const now: PendingWrite<T, O>[] = [];
  const after: PendingWrite<T, O>[] = [];
  for (const entry of pending) {
    const { actor, reply } = entry.item.context;
    const key = actor.idempotencyKey && JSON.stringify([reply.face, actor.tenant, actor.idempotencyKey]);
    if (key && seen.has(key)) {
      after.push(entry);
      continue;
    }
    if (key) seen.add(key);
    now.push(entry);
  }
  return { now, after };
}
