import type { INestApplicationContext } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { loadAppConfig } from '../../libs/infra/src/config/app-config';
import { createWorker } from '../../apps/worker/src/create-worker';
import { AgentProcess, spawnAgent, stopAllAgents } from './agent-process';
import { client, Client, KEYS, startApi, StartedApi, TEST_API_KEYS } from './api';

/** Settings that make propagation quick enough to test: short backoff, frequent reconciling. */
export const FAST_PROPAGATION = {
  PROPAGATION_ATTEMPTS: '3',
  PROPAGATION_BACKOFF_MS: '100',
  AGENT_TIMEOUT_MS: '2000',
  RECONCILE_INTERVAL_MS: '500',
  RELAY_POLL_MS: '100',
};

export interface System {
  api: StartedApi;
  /** The member of tenant demo. */
  http: Client;
  operator: Client;
  agents: Map<string, AgentProcess>;
  /** The environment the API and the worker share (database, queue prefix, propagation settings). */
  env: Record<string, string>;
  worker: INestApplicationContext | null;
  startWorker(): Promise<INestApplicationContext>;
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The whole system for one test file: the API (own database), the worker in-process (own queue
 * prefix, so test files never share jobs), and agents as separate processes over real HTTP that
 * register themselves with the API.
 */
export async function startSystem(options: { agents?: string[]; env?: Record<string, string>; worker?: boolean; agentEnv?: Record<string, string> } = {}): Promise<System> {
  const prefix = `sgtest-${randomBytes(4).toString('hex')}`;
  const baseEnv = { ...FAST_PROPAGATION, QUEUE_PREFIX: prefix, ...options.env };
  const api = await startApi(baseEnv);
  const env = { ...baseEnv, DATABASE_URL: api.db.serviceUrl, API_KEYS: TEST_API_KEYS };
  const system: System = {
    api,
    http: client(api.url),
    operator: client(api.url, 'operator'),
    agents: new Map(),
    env,
    worker: null,
    async startWorker() {
      // Its health and metrics listener on a free port: test files run side by side.
      system.worker = await createWorker(loadAppConfig({ WORKER_PORT: '0', ...env }, 'worker'), { logger: ['error'] });
      return system.worker;
    },
    async stopWorker() {
      const worker = system.worker;
      system.worker = null;
      await worker?.close();
    },
    async close() {
      await stopAllAgents();
      await system.stopWorker();
      await api.close();
    },
  };
  if (options.worker !== false) await system.startWorker();
  for (const id of options.agents ?? ['hv-1', 'hv-2']) {
    system.agents.set(id, await spawnAgent({ id, apiUrl: api.url, apiKey: KEYS.operator, ...(options.agentEnv && { env: options.agentEnv }) }));
  }
  return system;
}

/** Polls until `check` returns a value (not undefined) or the time is up; then fails with `what`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Waits for an operation to reach a final status and returns it. */
export async function settled(http: Client, operationId: string, timeoutMs = 20_000, everyMs?: number): Promise<any> {
  return eventually(`operation ${operationId} to finish`, async () => {
    const res = await http.get(`/v1/operations/${operationId}`);
    return res.body.status === 'succeeded' || res.body.status === 'failed' ? res.body : undefined;
  }, timeoutMs, everyMs);
}

export interface GroupOnTwoHypervisors {
  vpcId: string;
  instanceIds: string[];
  groupId: string;
  /** The operation of the group's creation. */
  createdOperationId: string;
}

/**
 * The propagation tests' starting point: once agents hv-1 and hv-2 have registered, a VPC with
 * one instance on each of them and one group applied to both, every operation succeeded.
 */
export async function groupOnTwoHypervisors(http: Client, operator: Client, vpcName: string, groupName: string): Promise<GroupOnTwoHypervisors> {
  // The agents register themselves and ask for their full state.
  await eventually('both agents registered', async () => ((await operator.get('/v1/hypervisors')).body.length === 2 ? true : undefined));
  const vpcId = (await http.post('/v1/vpcs', { name: vpcName, cidr: '10.0.0.0/16' })).body.id;
  const i1 = await http.post('/v1/instances', { name: 'gpu-1', vpcId, hypervisorId: 'hv-1', ipv4: '10.0.1.5' });
  const i2 = await http.post('/v1/instances', { name: 'gpu-2', vpcId, hypervisorId: 'hv-2', ipv4: '10.0.2.5' });
  const group = await http.post('/v1/security-groups', { vpcId, name: groupName, applyTo: { instanceIds: [i1.body.id, i2.body.id] } });
  for (const res of [i1, i2, group]) {
    const op = await settled(http, res.body.operation.id, 30_000);
    if (op.status !== 'succeeded') throw new Error(`setup operation ${op.id} ended ${op.status}: ${op.message}`);
  }
  return { vpcId, instanceIds: [i1.body.id, i2.body.id], groupId: group.body.id, createdOperationId: group.body.operation.id };
}
