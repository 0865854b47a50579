/**
 * The request ids a push carries (docs/agent-protocol.md): the API requests whose changes the
 * pushed state contains, so that one change can be followed through the API's, the worker's and
 * the agent's logs. A sync coalesces changes, so a push may carry several.
 */
export const REQUEST_ID_HEADER = 'x-request-id';

/** What the API accepts as a caller's X-Request-Id, and so what a request id looks like. */
export const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Node refuses request headers over 16 KiB in all: the header stays well below that. */
export const MAX_HEADER_REQUEST_IDS = 100;

/** The header's value: the ids comma-separated, at most MAX_HEADER_REQUEST_IDS of them (the first ones). */
export function formatRequestIds(ids: readonly string[]): string {
  return [...new Set(ids.filter((id) => REQUEST_ID.test(id)))].slice(0, MAX_HEADER_REQUEST_IDS).join(',');
}

/** The ids in a header; anything that is not a request id is dropped (it only goes into logs). */
export function parseRequestIds(header: string | string[] | undefined): string[] {
  const raw = Array.isArray(header) ? header.join(',') : (header ?? '');
  return [...new Set(raw.split(',').map((s) => s.trim()).filter((s) => REQUEST_ID.test(s)))].slice(0, MAX_HEADER_REQUEST_IDS);
}
