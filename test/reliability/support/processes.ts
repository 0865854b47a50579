import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../../libs/infra/src/database/data-source';
import { AgentProcess, spawnAgent, stopAllAgents } from '../../support/agent-process';
import { client, Client, KEYS, TEST_API_KEYS } from '../../support/api';
import { FAST_PROPAGATION } from '../../support/system';
import { spawnApi, spawnWorker, stopAllWorkers, WorkerExit, WorkerProcess } from '../../support/worker-process';

export interface ProcessSystem {
  /** The API's URL: the same across restartApi(). */
  url: string;
  http: Client;
  operator: Client;
  api: WorkerProcess;
  worker: WorkerProcess;
  agents: Map<string, AgentProcess>;
  /** The environment the API and the worker share. */
  env: Record<string, string>;
  /** The database as its owner, for the ledger's reads and the replay. */
  dataSource: DataSource;
  /** Sends the API `signal`, waits for it to exit, starts a new one on the same port. */
  restartApi(signal: NodeJS.Signals): Promise<WorkerExit>;
  /** Sends the worker `signal`, waits for it to exit, starts a new one. */
  restartWorker(signal: NodeJS.Signals): Promise<WorkerExit>;
  close(): Promise<void>;
}

/**
 * The whole system as separate processes, as deployed (the API and the worker from their
 * sources, agents with the memory driver), over a database the scenario gives (the shared server's
 * test database, or a private server it restarts). For faults a process in the test's own event
 * loop cannot suffer: signals, and Postgres going away under the API.
 */
export async function startProcessSystem(options: { database: { url: string; serviceUrl: string }; agents: string[]; env?: Record<string, string> }): Promise<ProcessSystem> {
  const env = { ...FAST_PROPAGATION, QUEUE_PREFIX: `sgrel-${randomBytes(4).toString('hex')}`, DATABASE_URL: options.database.serviceUrl, API_KEYS: TEST_API_KEYS, ...options.env };
  let api = await spawnApi(env);
  const url = api.url!;
  const port = new URL(url).port;
  let worker = await spawnWorker(env);
  const dataSource = await createDataSource({ url: options.database.url }, { applicationName: 'sg-reliability', poolSize: 4 }).initialize();
  const agents = new Map<string, AgentProcess>();
  for (const id of options.agents) agents.set(id, await spawnAgent({ id, apiUrl: url, apiKey: KEYS.operator }));
  const system: ProcessSystem = {
    url,
    http: client(url),
    operator: client(url, 'operator'),
    get api() {
      return api;
    },
    get worker() {
      return worker;
    },
    agents,
    env,
    dataSource,
    async restartApi(signal) {
      const exit = await api.kill(signal);
      api = await spawnApi({ ...env, PORT: port });
      return exit;
    },
    async restartWorker(signal) {
      const exit = await worker.kill(signal);
      worker = await spawnWorker(env);
      return exit;
    },
    async close() {
      await stopAllAgents();
      await stopAllWorkers();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
  return system;
}
