import type { RawReply } from './raw-http';

/**
 * What the /v1 contract promises of every error: problem+json with a `type` slug, `status` equal to the
 * HTTP status, and `errors[]` entries with a string `path` and `message`. Returns what is wrong,
 * or null; never a 5xx at all.
 */
export function problemOf(reply: RawReply): string | null {
  if (reply.status >= 500 || reply.status < 100) return `status ${reply.status}: ${reply.text.slice(0, 300)}`;
  if (reply.status < 400) return null;
  if (!/^application\/problem\+json/.test(reply.contentType)) return `content-type ${reply.contentType || '(none)'} for a ${reply.status}`;
  const body = reply.json as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object') return `a ${reply.status} without a JSON body: ${reply.text.slice(0, 200)}`;
  if (typeof body.type !== 'string' || body.type === '') return `no type slug: ${reply.text.slice(0, 200)}`;
  if (body.status !== reply.status) return `body status ${String(body.status)} for HTTP ${reply.status}`;
  if (typeof body.title !== 'string') return 'no title';
  if (body.errors !== undefined) {
    if (!Array.isArray(body.errors)) return 'errors is not an array';
    const bad = body.errors.find((e: unknown) => typeof (e as { path?: unknown })?.path !== 'string' || typeof (e as { message?: unknown })?.message !== 'string');
    if (bad !== undefined) return `an errors[] entry without string path/message: ${JSON.stringify(bad)}`;
  }
  return null;
}

/** Counts of answers by status, for the report at the end. */
export class Histogram {
  private readonly byStatus = new Map<number, number>();
  private readonly byEndpoint = new Map<string, number>();

  add(endpoint: string, status: number): void {
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
    this.byEndpoint.set(endpoint, (this.byEndpoint.get(endpoint) ?? 0) + 1);
  }

  get total(): number {
    return [...this.byStatus.values()].reduce((a, b) => a + b, 0);
  }

  count(endpoint: string): number {
    return this.byEndpoint.get(endpoint) ?? 0;
  }

  statuses(): number[] {
    return [...this.byStatus.keys()];
  }

  report(): string {
    const statuses = [...this.byStatus.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `  ${s}: ${n}`);
    const endpoints = [...this.byEndpoint.entries()].map(([e, n]) => `  ${e}: ${n}`);
    return [`${this.total} requests`, 'by status:', ...statuses, 'by endpoint:', ...endpoints].join('\n');
  }
}
