import { KEYS } from '../api';

export interface RawRequest {
  method: string;
  /** Already encoded: the fuzz sends paths no URL builder would. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface RawReply {
  status: number;
  contentType: string;
  text: string;
  /** Parsed when the answer is JSON, else undefined. */
  json: unknown;
}

export function bearer(who: keyof typeof KEYS): Record<string, string> {
  return { authorization: `Bearer ${KEYS[who]}` };
}

/** One request, exactly as given: no default content type, no encoding of the path. `timeoutMs`: reject when the whole answer has not come by then (a stream that should not have opened). */
export async function sendRaw(baseUrl: string, req: RawRequest, timeoutMs?: number): Promise<RawReply> {
  const res = await fetch(baseUrl + req.path, { method: req.method, headers: req.headers, body: req.body, signal: timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text, json };
}
