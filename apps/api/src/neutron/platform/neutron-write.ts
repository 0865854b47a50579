import type { Actor, WriteContext, Written } from '@sg/application';
import type { Response } from 'express';
import type { RequestContext } from '../../platform/http/request-context';

/** This face's name: it keys its idempotency records apart from /v1's. */
export const NEUTRON_FACE = 'neutron';

/** What the Neutron face answers to a write: status, headers (Operation-Location) and body. */
export interface NeutronAnswer {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

export function actorOf(ctx: RequestContext): Actor {
  const { tenant, role, actor } = ctx.principal;
  return { tenant, role, name: actor, requestId: ctx.requestId, clientRequestId: ctx.clientRequestId, idempotencyKey: ctx.idempotencyKey };
}

/** A Neutron request as the core's write path takes it (Neutron has no If-Match: the latest version). */
export function neutronWrite<O>(ctx: RequestContext, answer: (outcome: O) => NeutronAnswer): WriteContext<O> {
  return {
    actor: actorOf(ctx),
    expectedVersion: null,
    reply: {
      face: NEUTRON_FACE,
      requestHash: ctx.requestHash,
      answer: (outcome) => {
        const { statusCode, headers, body } = answer(outcome);
        return { statusCode, headers, body: JSON.stringify(body ?? null) };
      },
    },
  };
}

/** Sends the answer to a write (or the stored one of a replay). 204 goes without a body. */
export function sendNeutron<O>(res: Response, written: Written<O>, answer: (outcome: O) => NeutronAnswer): void {
  const { statusCode, headers, body } = written.replayed ? replayOf(written.answer) : answer(written.outcome);
  res.status(statusCode).set(headers);
  if (statusCode === 204) res.end();
  else res.json(body);
}

function replayOf(stored: unknown): NeutronAnswer {
  const s = stored as { statusCode: number; headers: Record<string, string>; body: string };
  return { statusCode: s.statusCode, headers: { ...s.headers, 'Idempotent-Replayed': 'true' }, body: JSON.parse(s.body) };
}

/** The header that says where the change's propagation can be followed (never a body key in this face). */
export function operationHeaders(operation: { id: string } | null): Record<string, string> {
  return operation ? { 'Operation-Location': `/v1/operations/${operation.id}` } : {};
}
