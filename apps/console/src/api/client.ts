import { ROUTES, type operations } from './openapi.gen';

/** An operation of the API, by its operationId. */
export type OperationId = keyof typeof ROUTES & keyof operations;
type Op<K extends OperationId> = operations[K];
type Parameters<K extends OperationId> = Op<K>['parameters'];
type PathOf<K extends OperationId> = Parameters<K> extends { path: infer P } ? P : never;
type QueryOf<K extends OperationId> = Parameters<K> extends { query?: infer Q } ? NonNullable<Q> : never;
type BodyOf<K extends OperationId> = Op<K> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
type Responses<K extends OperationId> = Op<K>['responses'];
/** What a success (2xx) answers, as JSON. */
export type ResultOf<K extends OperationId> = {
  [S in keyof Responses<K>]: S extends 200 | 201 | 202 ? (Responses<K>[S] extends { content: { 'application/json': infer R } } ? R : null) : never;
}[keyof Responses<K>];

export type CallArgs<K extends OperationId> = ([PathOf<K>] extends [never] ? { path?: never } : { path: PathOf<K> }) & {
  query?: QueryOf<K>;
  body?: BodyOf<K>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
};

/** An RFC 9457 problem the API answered, with every bad field. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
  }
  get status(): number {
    return this.problem.status;
  }
  /** Messages of the fields under `prefix` (`rules[0]`), keyed by the rest of their path. */
  fieldErrors(): { path: string; message: string }[] {
    return this.problem.errors ?? [];
  }
}

export interface Answer<T> {
  data: T;
  status: number;
  headers: Headers;
}

let apiKey: string | null = null;
let onUnauthorized: (() => void) | null = null;

/** The key every call sends, and what happens when the API no longer knows it. */
export function configureClient(key: string | null, unauthorized?: () => void): void {
  apiKey = key;
  onUnauthorized = unauthorized ?? null;
}

function urlOf(path: string, params: Record<string, string | number> | undefined, query: Record<string, unknown> | undefined): string {
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params?.[name] ?? '')));
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  const qs = search.toString();
  return qs ? `${filled}?${qs}` : filled;
}

/** Calls an operation by its id: `call('getSecurityGroup', { path: { id } })`. A 4xx or 5xx throws ApiError. */
export async function call<K extends OperationId>(id: K, args: CallArgs<K> = {} as CallArgs<K>, key: string | null = apiKey): Promise<Answer<ResultOf<K>>> {
  const route = ROUTES[id];
  const a = args as { path?: Record<string, string>; query?: Record<string, unknown>; body?: unknown; headers?: Record<string, string>; signal?: AbortSignal };
  const headers: Record<string, string> = { accept: 'application/json', ...a.headers };
  if (key) headers.authorization = `Bearer ${key}`;
  let body: string | undefined;
  if (a.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(a.body);
  }
  let res: Response;
  try {
    res = await fetch(urlOf(route.path, a.path, a.query), { method: route.method, headers, body, cache: 'no-store', signal: a.signal });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError({ type: 'network', title: 'The API cannot be reached', status: 0, detail: 'The API cannot be reached. Check your connection and try again.' });
  }
  const text = await res.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  if (!res.ok) {
    const problem = parsed && typeof parsed === 'object' && 'type' in parsed ? (parsed as Problem) : { type: 'error', title: res.statusText, status: res.status, detail: `The API answered ${res.status}.` };
    if (res.status === 401 && key === apiKey) onUnauthorized?.();
    throw new ApiError(problem);
  }
  return { data: parsed as ResultOf<K>, status: res.status, headers: res.headers };
}

/** Every page of a paged list, following `Next-Cursor` (lists here are small; a bound keeps a runaway short). */
export async function callAll<K extends OperationId>(id: K, args: CallArgs<K> = {} as CallArgs<K>, maxPages = 20): Promise<ResultOf<K>> {
  const items: unknown[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const a = args as { query?: Record<string, unknown> };
    const answer: Answer<ResultOf<K>> = await call(id, { ...args, query: { ...a.query, ...(cursor && { cursor }) } } as CallArgs<K>);
    items.push(...(answer.data as unknown[]));
    cursor = answer.headers.get('Next-Cursor');
    if (!cursor) break;
  }
  return items as ResultOf<K>;
}
