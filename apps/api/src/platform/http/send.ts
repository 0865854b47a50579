import type { Actor, Page, PageRequest, WriteContext, Written } from '@sg/application';
import type { Request, Response } from 'express';
import { Problem } from './problem';
import type { RequestContext } from './request-context';

/** This face's name: it keys its idempotency records, apart from every other face's. */
export const V1_FACE = 'v1';

/** What /v1 answers to a write: the status, the headers worth replaying, and the body. */
export interface HttpAnswer {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** As an idempotency record keeps it: the body as JSON text (jsonb would reorder its keys, and a replay should be the same bytes). */
interface StoredAnswer extends HttpAnswer {
  readonly body: string;
}

export type Answer<O> = (outcome: O) => HttpAnswer;

export function actorOf(ctx: RequestContext): Actor {
  const { tenant, role, actor } = ctx.principal;
  return { tenant, role, name: actor, requestId: ctx.requestId, clientRequestId: ctx.clientRequestId, idempotencyKey: ctx.idempotencyKey };
}

/** A /v1 request as the core's write path takes it: who asks, its If-Match, and how /v1 answers (kept for replays). */
export function writeContext<O>(ctx: RequestContext, answer: Answer<O>): WriteContext<O> {
  return {
    actor: actorOf(ctx),
    expectedVersion: ctx.ifMatch,
    reply: {
      face: V1_FACE,
      requestHash: ctx.requestHash,
      answer: (outcome): StoredAnswer => {
        const { statusCode, headers, body } = answer(outcome);
        return { statusCode, headers, body: JSON.stringify(body) };
      },
    },
  };
}

/** Sends what a write came to: this request's answer, or the first request's again (marked Idempotent-Replayed). */
export function send<O>(res: Response, written: Written<O>, answer: Answer<O>): void {
  if (!written.replayed) {
    const { statusCode, headers, body } = answer(written.outcome);
    res.status(statusCode).set(headers).json(body);
    return;
  }
  const stored = written.answer as StoredAnswer;
  const body = typeof stored.body === 'string' ? JSON.parse(stored.body) : stored.body;
  res.status(stored.statusCode).set({ ...stored.headers, 'Idempotent-Replayed': 'true' }).json(body);
}


/** `limit` (1–1000, default 100) and `cursor` of a list request; bad values are a 400 naming them. */
export function pageOf(query: Record<string, unknown>): PageRequest {
  const errors: { path: string; message: string }[] = [];
  let limit = 100;
  if (query.limit !== undefined) {
    const n = typeof query.limit === 'string' && /^\d{1,4}$/.test(query.limit) ? Number(query.limit) : NaN;
    if (!(n >= 1 && n <= 1000)) errors.push({ path: 'limit', message: 'must be a whole number from 1 to 1000' });
    else limit = n;
  }
  const cursor = query.cursor === undefined ? null : typeof query.cursor === 'string' && query.cursor.length <= 512 ? query.cursor : '';
  if (cursor === '') errors.push({ path: 'cursor', message: 'must be a cursor returned by an earlier page' });
  if (errors.length > 0) throw new Problem('validation-failed', 'Bad paging parameters.', errors);
  return { limit, cursor };
}

/** Sends a page as a JSON array; the next page is in `Link` (rel="next") and `Next-Cursor`. */
export function sendPage<T, U>(req: Request, res: Response, page: Page<T>, present: (item: T) => U): void {
  if (page.nextCursor) {
    const url = new URL(req.originalUrl, 'http://placeholder');
    url.searchParams.set('cursor', page.nextCursor);
    res.set('Link', `<${url.pathname}${url.search}>; rel="next"`);
    res.set('Next-Cursor', page.nextCursor);
  }
  res.status(200).json(page.items.map(present));
}
