import type { IncomingMessage, ServerResponse } from 'node:http';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';

const gunzipAsync = promisify(gunzip);

/** A whole hypervisor's state is large (ports × groups × rules × CIDRs), but never this large. */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
    this.name = 'BodyError';
  }
}

/**
 * Reads and parses a JSON body of at most `limit` bytes. Past the limit the rest is read and thrown
 * away rather than the socket cut, so the client gets the 413 instead of a reset connection.
 */
export async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(req.headers['content-length']);
  let size = 0;
  let tooLarge = declared > limit;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit && !tooLarge) chunks.length = 0;
    tooLarge ||= size > limit;
    if (!tooLarge) chunks.push(chunk);
  }
  if (tooLarge) throw new BodyError(413, `the body is larger than ${limit} bytes`);
  const text = (await decoded(req, Buffer.concat(chunks, size), limit)).toString('utf8');
  if (text.trim() === '') throw new BodyError(400, 'the body is empty; expected a JSON state');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BodyError(400, `the body is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * The body as sent (`identity`) or gunzipped (`Content-Encoding: gzip`, as the worker pushes): the
 * limit holds for the JSON inside too, so a small compressed body cannot unfold into gigabytes.
 */
async function decoded(req: IncomingMessage, body: Buffer, limit: number): Promise<Buffer> {
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity' || encoding === '') return body;
  if (encoding !== 'gzip') throw new BodyError(415, `Content-Encoding ${encoding} is not supported: send gzip or identity`);
  try {
    return await gunzipAsync(body, { maxOutputLength: limit });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new BodyError(413, `the body is larger than ${limit} bytes once decompressed`);
    throw new BodyError(400, `the body is not valid gzip: ${(error as Error).message}`);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload), ...headers });
  res.end(payload);
}
