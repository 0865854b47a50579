import { Inject, Injectable } from '@nestjs/common';
import {
  type AppendRequest,
  type AppendResult,
  type AppendUnit,
  EventStore,
  type Transaction,
} from '../ports/event-store.port';
import { ConcurrencyError, IdempotencyConflictError, ReadModelClashError } from '../ports/event-store.errors';
import { CoreSettings } from '../settings';
import { VersionMismatchError } from './errors';
import { IdempotentReplays, oneKeyEach, type PendingWrite } from './idempotent-replays';
import type { WriteContext, Written } from './write-command';

const READ_MODEL_CLASH_RETRIES = 3;

/** What a handler decided: the appends, and the outcome to compute once they are written. */
export interface WritePlan<O> {
  /** The tenant that owns what changes (an operator may act on any tenant's resources). */
  tenant: string;
  appends: AppendRequest[];
  /** Runs inside the append's transaction, so the outcome shows the state just written. */
  outcome(tx: Transaction, result: AppendResult): Promise<O>;
}

/** How a batch decided one of its requests. */
export type Decided<O> =
  | { readonly plan: WritePlan<O> }
  /** Refused (a domain error, say): delivered once the batch it was decided in has committed. */
  | { readonly error: unknown };

/**
 * The write path of every command: idempotency replay, load → decide → append with the expected
 * version, and a bounded re-run when a concurrent writer got there first (adding different rules
 * commutes, so 50 parallel adds all land). With an expected version a conflict is the caller's
 * to resolve: a VersionMismatchError.
 *
 * Requests to one aggregate may come as a batch (group commit): decided one after the other on
 * the state the ones before them leave, appended in one transaction, each with its own metadata
 * and idempotency key. Every answer, refusals included, is delivered only once that transaction
 * has committed, so each one is consistent with what was written.
 */
@Injectable()
export class CommandExecutor {
  private readonly replays: IdempotentReplays;

  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(CoreSettings) private readonly settings: CoreSettings,
  ) {
    this.replays = new IdempotentReplays(store);
  }

  /** One request on its own: a batch of one. */
  execute<O>(context: WriteContext<O>, decide: () => Promise<WritePlan<O>>): Promise<Written<O>> {
    return new Promise<Written<O>>((resolve, reject) => {
      const decideOne = async (): Promise<Decided<O>[]> => {
        try {
          return [{ plan: await decide() }];
        } catch (error) {
          return [{ error }];
        }
      };
      this.executeBatch([{ item: { context }, resolve, reject }], decideOne).catch(reject);
    });
  }

  /**
   * Settles every entry. `decide` gets the entries still pending, in order, and answers one
   * Decided per entry; it is called again after a clash.
   */
  async executeBatch<T extends { context: WriteContext<O> }, O>(
    entries: readonly PendingWrite<T, O>[],
    decide: (pending: readonly PendingWrite<T, O>[]) => Promise<Decided<O>[]>,
  ): Promise<void> {
    let pending = await this.replays.withoutReplays(entries);
    let attempt = 0;
    while (pending.length > 0) {
      const { now, after } = oneKeyEach(pending);
      let outcomes: Decided<O>[];
      try {
        outcomes = await decide(now);
      } catch (error) {
        for (const entry of pending) entry.reject(error);
        return;
      }
      const written = new Map<PendingWrite<T, O>, O>();
      const planned = now.flatMap((entry, i) => {
        const outcome = outcomes[i];
        return 'plan' in outcome ? [{ entry, plan: outcome.plan }] : [];
      });
      try {
        if (planned.length > 0) await this.store.appendBatch(planned.map(({ entry, plan }) => unitOf(entry.item.context, plan, (o) => written.set(entry, o), () => written.get(entry)!)));
      } catch (error) {
        // A read-model clash in a batch may be one request's own doing (a name its decision did
        // not see taken): split like any other fault, so it cannot sink the others.
        const clash = error instanceof ConcurrencyError || (error instanceof ReadModelClashError && now.length === 1);
        if (now.length > 1 && !clash) {
          // One request's fault (a key another request used, an outcome that failed, a deadlock)
          // must not become the others': each runs again on its own, in order. A duplicate key
          // then replays what was first answered; a database that is gone fails each alike.
          for (const entry of now) await this.executeBatch([entry], decide);
          pending = await this.replays.withoutReplays(after);
          continue;
        }
        if (error instanceof IdempotencyConflictError) {
          if (error.existing) this.replays.replay(now[0], error.existing);
          else now[0].reject(error);
          pending = await this.replays.withoutReplays(after);
          continue;
        }
        if (!clash) {
          for (const entry of pending) entry.reject(error);
          return;
        }
        // A stream moved under a request that named its version: that version is stale. (A
        // read-model clash is another resource's write: decided again, the request gets its own answer.)
        const stale = error instanceof ConcurrencyError ? now.filter((entry) => entry.item.context.expectedVersion !== null && planned.some((p) => p.entry === entry)) : [];
        for (const entry of stale) entry.reject(new VersionMismatchError(entry.item.context.expectedVersion!, (error as ConcurrencyError).actual, true));
        pending = pending.filter((entry) => !stale.includes(entry));
        // Deciding again resolves a read-model clash at once (the winner's write is now visible);
        // one that persists is no race, so it gets a few tries, not the whole budget.
        const budget = error instanceof ReadModelClashError ? Math.min(READ_MODEL_CLASH_RETRIES, this.settings.commandRetries) : this.settings.commandRetries;
        if (attempt >= budget) {
          // Out of retries: a request refused on its own grounds (404, 422) keeps its own answer.
          for (const entry of pending) {
            const outcome = outcomes[now.indexOf(entry)];
            entry.reject(outcome && 'error' in outcome ? outcome.error : error);
          }
          return;
        }
        if (pending.length === 0) return;
        // Jitter spreads the re-runs of many clients that clashed at once.
        await sleep(Math.random() * Math.min(200, 5 * 2 ** attempt));
        attempt++;
        continue;
      }
      now.forEach((entry, i) => {
        const outcome = outcomes[i];
        if ('plan' in outcome) entry.resolve({ replayed: false, outcome: written.get(entry)! });
        else entry.reject(outcome.error);
      });
      // A repeat of a key this batch claimed now replays its answer instead of being decided again.
      pending = await this.replays.withoutReplays(after);
      attempt = 0;
    }
  }
}

/** One request's share of the append: its events with its own metadata, its outcome, and its idempotency record. */
function unitOf<O>(context: WriteContext<O>, plan: WritePlan<O>, done: (outcome: O) => void, outcome: () => O): AppendUnit {
  const { actor, reply } = context;
  return {
    requests: plan.appends,
    metadata: { actor: actor.name, tenant: plan.tenant, requestId: actor.requestId, ...(actor.clientRequestId && { clientRequestId: actor.clientRequestId }), ...(actor.idempotencyKey && { idempotencyKey: actor.idempotencyKey }) },
    options: {
      inTransaction: async (tx, result) => done(await plan.outcome(tx, result)),
      ...(actor.idempotencyKey && {
        idempotency: { face: reply.face, tenant: actor.tenant, key: actor.idempotencyKey, requestHash: reply.requestHash, response: () => reply.answer(outcome()) },
      }),
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
