import { InvalidCursorError } from '@sg/application';
import type { Request, Response } from 'express';
import type { Page, PageRequest } from '@sg/application';
import type { HttpResult } from '../commands/command-executor';
import { Problem } from './problem';

export function send(res: Response, result: HttpResult): void {
  res.status(result.statusCode).set(result.headers).json(result.body);
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

/** Runs a read-model query; a cursor the API did not make becomes a 400 instead of a 500. */
export async function withCursor<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof InvalidCursorError) {
      throw new Problem('validation-failed', 'The cursor is not one this API returned.', [{ path: 'cursor', message: error.message }]);
    }
    throw error;
  }
}
