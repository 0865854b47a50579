import { Inject, Injectable } from '@nestjs/common';
import {
  AppConfig,
  AppendRequest,
  AppendResult,
  ConcurrencyError,
  EventStore,
  IdempotencyConflictError,
  IdempotencyRecord,
  IdempotentResponse,
} from '@sg/infra';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG } from '../config.module';
import { Problem } from '../http/problem';
import type { RequestContext } from '../http/request-context';

export type HttpResult = IdempotentResponse;

/** What a command handler decided: the appends, and how to answer once they are written. */
export interface WritePlan {
  /** The tenant that owns what changes (an operator may act on any tenant's resources). */
  tenant: string;
  appends: AppendRequest[];
  /** Runs inside the append's transaction, so the answer shows the state just written. */
  respond(tx: EntityManager, result: AppendResult): Promise<HttpResult>;
}

/**
 * The write path of every command: idempotency replay, load → decide → append with the expected
 * version, and a bounded re-run when a concurrent writer got there first (adding different rules
 * commutes, so 50 parallel adds all land). With `If-Match` a conflict is the client's to resolve: 412.
 */
@Injectable()
export class CommandExecutor {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(ctx: RequestContext, decide: () => Promise<WritePlan>): Promise<HttpResult> {
    const tenantKey = ctx.principal.tenant;
    if (ctx.idempotencyKey) {
      const previous = await this.store.findIdempotencyRecord(tenantKey, ctx.idempotencyKey);
      if (previous) return this.replay(previous, ctx);
    }
    for (let attempt = 0; ; attempt++) {
      const plan = await decide();
      let response: HttpResult | undefined;
      try {
        await this.store.appendToStreams(
          plan.appends,
          { actor: ctx.principal.actor, tenant: plan.tenant, requestId: ctx.requestId, ...(ctx.idempotencyKey && { idempotencyKey: ctx.idempotencyKey }) },
          {
            inTransaction: async (tx, result) => {
              response = await plan.respond(tx, result);
            },
            ...(ctx.idempotencyKey && {
              // The body is kept as JSON text: jsonb would reorder its keys, and a replay should be the same bytes.
              idempotency: { tenant: tenantKey, key: ctx.idempotencyKey, requestHash: ctx.requestHash, response: () => ({ ...response!, body: JSON.stringify(response!.body) }) },
            }),
          },
        );
        return response!;
      } catch (error) {
        if (error instanceof IdempotencyConflictError && error.existing) return this.replay(error.existing, ctx);
        if (!(error instanceof ConcurrencyError)) throw error;
        if (ctx.ifMatch !== null) {
          throw new Problem('version-mismatch', `The resource changed while this request was applied (now at version ${error.actual}); reload and try again.`);
        }
        if (attempt >= this.config.commandRetries) throw error;
        // Jitter spreads the re-runs of many clients that clashed at once.
        await sleep(Math.random() * Math.min(200, 5 * 2 ** attempt));
      }
    }
  }

  private replay(record: IdempotencyRecord, ctx: RequestContext): HttpResult {
    if (record.requestHash !== ctx.requestHash) {
      throw new Problem('idempotency-key-reused', `Idempotency-Key "${ctx.idempotencyKey}" was used for a different request; use a new key.`);
    }
    const { body } = record.response;
    return {
      ...record.response,
      body: typeof body === 'string' ? JSON.parse(body) : body,
      headers: { ...record.response.headers, 'Idempotent-Replayed': 'true' },
    };
  }
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
