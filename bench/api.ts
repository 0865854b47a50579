import { join } from 'node:path';
import { loadAppConfig } from '@sg/infra';
import { createApi } from '../apps/api/src/create-api';
import { measure, ms, percentile, perSecond, printTable, rate, ratio, round } from './harness';
import { DIST, startNode } from './processes';
import { countStatements } from './query-counter';
import type { BenchOptions } from './run';

export const BENCH_KEY = 'bench-member-key';
export const BENCH_OPERATOR_KEY = 'bench-operator-key';
export const BENCH_API_KEYS = `${BENCH_KEY}:bench:member,${BENCH_OPERATOR_KEY}:ops:operator`;
export const API_PORT = 4100;

/** The API's settings for the bench: big groups (bursts of 1,000 rules), its own queue prefix. */
export function apiEnv(url: string): Record<string, string> {
  // A group of 1,000+ rules on 20 instances of each hypervisor is ≈ 21,000 entries of each
  // hypervisor's desired state, over the default budget of 10,000 (the full run's burst answered 422).
  return {
    DATABASE_URL: url,
    API_KEYS: BENCH_API_KEYS,
    HOST: '127.0.0.1',
    LIMIT_RULES_PER_GROUP: '10000',
    LIMIT_STATE_ENTRIES_PER_HYPERVISOR: '1000000',
    QUEUE_PREFIX: 'sgbench',
    RATE_LIMIT_PER_SECOND: '0',
    // The load comes from one key: no cap on its requests in progress.
    RATE_LIMIT_CONCURRENT: '0',
  };
}

export interface Http {
  base: string;
  call<T = any>(method: string, path: string, body?: unknown, key?: string, headers?: Record<string, string>): Promise<{ status: number; body: T }>;
}

export function http(base: string): Http {
  return {
    base,
    async call(method, path, body, key = BENCH_KEY, headers = {}) {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
  };
}

export async function expectStatus<T>(what: string, status: number, reply: Promise<{ status: number; body: T }>): Promise<T> {
  const r = await reply;
  if (r.status !== status) throw new Error(`${what} answered ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

function rule(i: number, direction = 'inbound') {
  return { rules: [{ direction, protocol: i % 2 ? 'tcp' : 'udp', ports: String(1 + (i % 60_000)), remote: `198.51.${Math.floor(i / 250) % 250}.${i % 250}` }] };
}

/**
 * The HTTP write path: adding a rule (validate, load, decide, append, answer) over real HTTP to
 * the API in a process of its own, at concurrency 16, spread over 64 groups and on one hot group;
 * beside GET /health (the HTTP stack's ceiling) and a bare INSERT at the same concurrency.
 */
export async function measureApi(options: BenchOptions, rawInsertPerSecond: number) {
  const concurrency = 16;
  const n = options.quick ? { spread: 300, hot: 150 } : { spread: 2000, hot: 1000 };
  const api = await startNode('api', join(DIST, 'apps/api/src/main.js'), { ...apiEnv(options.url), PORT: String(API_PORT) }, `http://127.0.0.1:${API_PORT}/health`);
  try {
    const h = http(`http://127.0.0.1:${API_PORT}`);
    const vpc = await expectStatus<{ id: string }>('POST /v1/vpcs', 201, h.call('POST', '/v1/vpcs', { name: 'bench-api', cidr: '10.1.0.0/16' }));
    const groups: string[] = [];
    for (let g = 0; g < 64; g++) groups.push((await expectStatus<{ id: string }>('POST /v1/security-groups', 201, h.call('POST', '/v1/security-groups', { vpcId: vpc.id }))).id);
    const addTo = (group: string, i: number) => expectStatus('POST …/rules', 202, h.call('POST', `/v1/security-groups/${group}/rules`, rule(i)));
    // Warm up both paths (JIT, pools, snapshot caches).
    const warmUp = options.quick ? 48 : 200;
    await measure('warm-up', warmUp, concurrency, (i) => addTo(groups[i % 64], 100_000 + i));
    await measure('warm-up', warmUp, concurrency, () => fetch(`${h.base}/health`).then((r) => r.text()));

    const health = await measure(`GET /health (c=${concurrency})`, n.spread, concurrency, () => fetch(`${h.base}/health`).then((r) => r.text()));
    const spread = await measure(`POST …/rules, 64 groups (c=${concurrency})`, n.spread, concurrency, (i) => addTo(groups[i % 64], i));
    const hot = await measure(`POST …/rules, ONE group (c=${concurrency})`, n.hot, concurrency, (i) => addTo(groups[0], 200_000 + i));

    const row = (m: typeof spread) => [
      m.name,
      rate(perSecond(m)),
      ms(percentile(m.samplesMs, 50)),
      ms(percentile(m.samplesMs, 99)),
      rate(perSecond(health)),
      ratio(perSecond(m), perSecond(health)),
      rate(rawInsertPerSecond),
      `${((100 * perSecond(m)) / rawInsertPerSecond).toFixed(0)}%`,
    ];
    options.notes.push(
      ...printTable(
        'API over HTTP (API in its own process, load from the bench process)',
        ['request', 'req/s', 'p50', 'p99', 'GET /health', 'vs /health', 'bare INSERT c=16', '% of INSERT'],
        [row(spread), row(hot), [health.name, rate(perSecond(health)), ms(percentile(health.samplesMs, 50)), ms(percentile(health.samplesMs, 99)), '', '', '', '']],
      ),
    );
    const roundTrips = await addRuleRoundTrips(options.url);
    options.notes.push(...printTable('Round trips (statements) per add-rule request, alone (c=1), counted at the pg client', ['request', 'statements'], [['POST …/rules (one rule)', roundTrips]]));
    const entry = (m: typeof spread) => ({
      perSecond: round(perSecond(m)),
      p50Ms: round(percentile(m.samplesMs, 50), 2),
      p99Ms: round(percentile(m.samplesMs, 99), 2),
      rawInsertPerSecond: round(rawInsertPerSecond),
      healthPerSecond: round(perSecond(health)),
      concurrency,
      requests: m.operations,
      roundTripsPerRequest: roundTrips,
    });
    return { results: { apiAddRule: { ...entry(spread), groups: 64 }, apiAddRuleHotGroup: { ...entry(hot), groups: 1 } }, ceilings: { healthPerSecond: round(perSecond(health)) } };
  } finally {
    await api.stop();
  }
}

/** Statements one add-rule request sends, alone, averaged over 20 (an API in this process, so the pg client can count). */
async function addRuleRoundTrips(url: string): Promise<number> {
  const app = await createApi(loadAppConfig({ ...apiEnv(url), PORT: '0' }), { logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  try {
    const h = http(`http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`);
    const vpc = await expectStatus<{ id: string }>('POST /v1/vpcs', 201, h.call('POST', '/v1/vpcs', { name: 'bench-round-trips', cidr: '10.2.0.0/16' }));
    const group = await expectStatus<{ id: string }>('POST /v1/security-groups', 201, h.call('POST', '/v1/security-groups', { vpcId: vpc.id }));
    for (let i = 0; i < 5; i++) await expectStatus('POST …/rules', 202, h.call('POST', `/v1/security-groups/${group.id}/rules`, rule(300_000 + i)));
    const N = 20;
    const statements = await countStatements(async () => {
      for (let i = 0; i < N; i++) await expectStatus('POST …/rules', 202, h.call('POST', `/v1/security-groups/${group.id}/rules`, rule(300_100 + i)));
    });
    return round(statements / N, 1);
  } finally {
    await app.close();
  }
}
