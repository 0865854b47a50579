import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, entityManagerOf } from '@sg/infra';
import { AppendRequest, AppendResult, AppendUnit, ConcurrencyError, EventStore, IdempotencyConflictError, IdempotencyRecord, ReadModelClashError } from '@sg/application';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG } from '../config.module';
import { Problem } from '../http/problem';
import type { RequestContext } from '../http/request-context';
import type { Waiting } from './keyed-batcher';

/** What /v1 answers: status, the headers worth replaying, body. */
export interface HttpResult {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

const FACE = 'v1';

const READ_MODEL_CLASH_RETRIES = 3;

/** What a command handler decided: the appends, and how to answer once they are written. */
export interface WritePlan {
  /** The tenant that owns what changes (an operator may act on any tenant's resources). */
  tenant: string;
  appends: AppendRequest[];
  /** Runs inside the append's transaction, so the answer shows the state just written. */
  respond(tx: EntityManager, result: AppendResult): Promise<HttpResult>;
}

/** How a batch decided one of its requests. */
export type Decided =
  | { readonly plan: WritePlan }
  /** Refused (a domain error, say): delivered once the batch it was decided in has committed. */
  | { readonly error: unknown };

type Pending<T> = Waiting<T & { ctx: RequestContext }, HttpResult>;

/**
 * The write path of every command: idempotency replay, load → decide → append with the expected
 * version, and a bounded re-run when a concurrent writer got there first (adding different rules
 * commutes, so 50 parallel adds all land). With `If-Match` a conflict is the client's to resolve: 412.
 *
 * Requests to one aggregate may come as a batch (group commit): decided one after the other on
 * the state the ones before them leave, appended in one transaction, each with its own metadata
 * and idempotency key. Every answer, refusals included, is delivered only once that transaction
 * has committed, so each one is consistent with what was written.
 */
@Injectable()
export class CommandExecutor {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** One request on its own: a batch of one. */
  execute(ctx: RequestContext, decide: () => Promise<WritePlan>): Promise<HttpResult> {
    return new Promise<HttpResult>((resolve, reject) => {
      const decideOne = async (): Promise<Decided[]> => {
        try {
          return [{ plan: await decide() }];
        } catch (error) {
          return [{ error }];
        }
      };
      this.executeBatch([{ item: { ctx }, resolve, reject }], decideOne).catch(reject);
    });
  }

  /**
   * Settles every entry. `decide` gets the entries still pending, in order, and answers one
   * Decided per entry; it is called again after a clash.
   */
  async executeBatch<T>(entries: readonly Pending<T>[], decide: (pending: readonly Pending<T>[]) => Promise<Decided[]>): Promise<void> {
    let pending = await this.withoutReplays(entries);
    let attempt = 0;
    while (pending.length > 0) {
      const { now, after } = oneKeyEach(pending);
      let outcomes: Decided[];
      try {
        outcomes = await decide(now);
      } catch (error) {
        for (const entry of pending) entry.reject(error);
        return;
      }
      const responses = new Map<Pending<T>, HttpResult>();
      const planned = now.flatMap((entry, i) => {
        const outcome = outcomes[i];
        return 'plan' in outcome ? [{ entry, plan: outcome.plan }] : [];
      });
      try {
        if (planned.length > 0) {
          await this.store.appendBatch(planned.map(({ entry, plan }) => this.unit(entry.item.ctx, plan, (response) => responses.set(entry, response), () => responses.get(entry)!)));
        }
      } catch (error) {
        // A read-model clash in a batch may be one request's own doing (a name its decision did
        // not see taken): split like any other fault, so it cannot sink the others.
        const clash = error instanceof ConcurrencyError || (error instanceof ReadModelClashError && now.length === 1);
        if (now.length > 1 && !clash) {
          // One request's fault (a key another request used, an answer that failed, a deadlock)
          // must not become the others': each runs again on its own, in order. A duplicate key
          // then replays what was first answered; a database that is gone fails each alike.
          for (const entry of now) await this.executeBatch([entry], decide);
          pending = await this.withoutReplays(after);
          continue;
        }
        if (error instanceof IdempotencyConflictError) {
          if (error.existing) this.settle(now[0], () => this.replay(error.existing!, now[0].item.ctx));
          else now[0].reject(error);
          pending = await this.withoutReplays(after);
          continue;
        }
        if (!clash) {
          for (const entry of pending) entry.reject(error);
          return;
        }
        // A stream moved under an If-Match request: the version it named is stale. (A read-model
        // clash is another resource's write: decided again, the request gets its own answer.)
        const stale = error instanceof ConcurrencyError ? now.filter((entry) => entry.item.ctx.ifMatch !== null && planned.some((p) => p.entry === entry)) : [];
        for (const entry of stale) {
          entry.reject(new Problem('version-mismatch', `The resource changed while this request was applied (now at version ${(error as ConcurrencyError).actual}); reload and try again.`));
        }
        pending = pending.filter((entry) => !stale.includes(entry));
        // Deciding again resolves a read-model clash at once (the winner's write is now visible);
        // one that persists is no race, so it gets a few tries, not the whole budget.
        const budget = error instanceof ReadModelClashError ? Math.min(READ_MODEL_CLASH_RETRIES, this.config.commandRetries) : this.config.commandRetries;
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
        if ('plan' in outcome) entry.resolve(responses.get(entry)!);
        else entry.reject(outcome.error);
      });
      // A repeat of a key this batch claimed now replays its answer instead of being decided again.
      pending = await this.withoutReplays(after);
      attempt = 0;
    }
  }

  private unit(ctx: RequestContext, plan: WritePlan, answered: (response: HttpResult) => void, answer: () => HttpResult): AppendUnit {
    return {
      requests: plan.appends,
      metadata: { actor: ctx.principal.actor, tenant: plan.tenant, requestId: ctx.requestId, ...(ctx.idempotencyKey && { idempotencyKey: ctx.idempotencyKey }) },
      options: {
        inTransaction: async (tx, result) => answered(await plan.respond(entityManagerOf(tx), result)),
        ...(ctx.idempotencyKey && {
          // The body is kept as JSON text: jsonb would reorder its keys, and a replay should be the same bytes.
          idempotency: {
            face: FACE,
            tenant: ctx.principal.tenant,
            key: ctx.idempotencyKey,
            requestHash: ctx.requestHash,
            response: () => {
              const response = answer();
              return { ...response, body: JSON.stringify(response.body) };
            },
          },
        }),
      },
    };
  }

  /** Answers the requests whose Idempotency-Key was already used; returns the rest. */
  private async withoutReplays<T>(entries: readonly Pending<T>[]): Promise<Pending<T>[]> {
    const previous = await Promise.all(
      entries.map((entry) => {
        const { principal, idempotencyKey } = entry.item.ctx;
        return idempotencyKey ? this.store.findIdempotencyRecord(FACE, principal.tenant, idempotencyKey) : undefined;
      }),
    );
    return entries.filter((entry, i) => {
      const record = previous[i];
      if (record) this.settle(entry, () => this.replay(record, entry.item.ctx));
      return !record;
    });
  }

  private settle<T>(entry: Pending<T>, answer: () => HttpResult): void {
    try {
      entry.resolve(answer());
    } catch (error) {
      entry.reject(error);
    }
  }

  private replay(record: IdempotencyRecord, ctx: RequestContext): HttpResult {
    if (record.requestHash !== ctx.requestHash) {
      throw new Problem('idempotency-key-reused', `Idempotency-Key "${ctx.idempotencyKey}" was used for a different request; use a new key.`);
    }
    const response = record.response as HttpResult;
    const { body } = response;
    return {
      ...response,
      body: typeof body === 'string' ? JSON.parse(body) : body,
      headers: { ...response.headers, 'Idempotent-Replayed': 'true' },
    };
  }
}

/** Splits off the repeats of an Idempotency-Key: one transaction cannot claim a key twice. */
function oneKeyEach<T>(pending: readonly Pending<T>[]): { now: Pending<T>[]; after: Pending<T>[] } {
  const seen = new Set<string>();
  const now: Pending<T>[] = [];
  const after: Pending<T>[] = [];
  for (const entry of pending) {
    const { principal, idempotencyKey } = entry.item.ctx;
    const key = idempotencyKey && JSON.stringify([principal.tenant, idempotencyKey]);
    if (key && seen.has(key)) {
      after.push(entry);
      continue;
    }
    if (key) seen.add(key);
    now.push(entry);
  }
  return { now, after };
}

/** The 412 check a handler makes right after loading: If-Match against the stream's version. */
export function checkIfMatch(ctx: RequestContext, version: number): void {
  if (ctx.ifMatch !== null && ctx.ifMatch !== version) {
    throw new Problem('version-mismatch', `If-Match names version ${ctx.ifMatch}, but the resource is at version ${version}.`);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
