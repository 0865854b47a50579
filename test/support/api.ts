import type { INestApplication } from '@nestjs/common';
import { loadAppConfig } from '../../libs/infra/src/config/app-config';
import { createApi } from '../../apps/api/src/create-api';
import { createTestDatabase, TestDatabase } from './test-database';
import { agentCredential } from '../../libs/protocol/src/agent-credential';
import { DEV_AGENT_TOKEN } from '../../libs/protocol/src/agent-token';

/** API keys of the e2e tests: two tenants of members, and an operator. */
export const KEYS = {
  member: 'member-key-demo-0001',
  otherTenant: 'member-key-acme-0001',
  operator: 'operator-key-ops-0001',
} as const;

export const TEST_API_KEYS = `${KEYS.member}:demo:member,${KEYS.otherTenant}:acme:member,${KEYS.operator}:ops:operator`;

export interface StartedApi {
  /** `http://127.0.0.1:<port>`: tests talk to it over real HTTP. */
  url: string;
  app: INestApplication;
  db: TestDatabase;
  close(): Promise<void>;
}

/** The API on a port of its own, over a database of the test file's own. */
export async function startApi(env: Record<string, string> = {}): Promise<StartedApi> {
  const db = await createTestDatabase();
  // As the services run: connected as the service role, not the owner.
  // The e2e files send thousands of requests with one key: the rate limit is set out of their way
  // (test/e2e/api/fairness.e2e-spec.ts sets its own), and so is the Keystone token requests' one.
  const config = loadAppConfig({ DATABASE_URL: db.serviceUrl, API_KEYS: TEST_API_KEYS, HOST: '127.0.0.1', PORT: '0', RATE_LIMIT_PER_SECOND: '100000', RATE_LIMIT_BURST: '100000', RATE_LIMIT_CONCURRENT: '0', TOKEN_REQUESTS_PER_MINUTE: '100000', ...env });
  const app = await createApi(config, { logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    app,
    db,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export type Who = keyof typeof KEYS | 'nobody';

/** A small HTTP client: `client(url).as('member').post('/v1/vpcs', {...})`. */
export function client(baseUrl: string, who: Who = 'member', extraHeaders: Record<string, string> = {}) {
  const call = async <T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> => {
    const h: Record<string, string> = { ...extraHeaders, ...headers };
    if (who !== 'nobody') h.authorization = `Bearer ${KEYS[who]}`;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const res = await fetch(baseUrl + path, { method, headers: h, body: payload });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // NDJSON and other non-JSON answers stay text.
    }
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  };
  return {
    as: (other: Who, headers: Record<string, string> = {}) => client(baseUrl, other, { ...extraHeaders, ...headers }),
    get: <T = any>(path: string, headers?: Record<string, string>) => call<T>('GET', path, undefined, headers),
    post: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('POST', path, body ?? {}, headers),
    put: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('PUT', path, body ?? {}, headers),
    patch: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('PATCH', path, body ?? {}, headers),
    delete: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('DELETE', path, body, headers),
  };
}

export type Client = ReturnType<typeof client>;

/** The agent of `hypervisorId`, speaking to the API with its own credential (derived from the API's AGENT_TOKEN, by default the development one). */
export function agentClient(baseUrl: string, hypervisorId: string, secret: string = DEV_AGENT_TOKEN): Client {
  return client(baseUrl, 'nobody', { authorization: `Bearer ${agentCredential(secret, hypervisorId)}` });
}

/** Registers `hypervisorId` as its agent does (only the agent may): `PUT /v1/hypervisors/{id}` with its credential. */
export function registerAgent(baseUrl: string, hypervisorId: string, agentUrl: string, headers?: Record<string, string>): Promise<Reply> {
  return agentClient(baseUrl, hypervisorId).put(`/v1/hypervisors/${encodeURIComponent(hypervisorId)}`, { agentUrl }, headers);
}
