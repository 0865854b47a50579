import type { INestApplicationContext } from '@nestjs/common';
import { createWorker } from '../../../apps/worker/src/create-worker';
import { loadAppConfig } from '../../../libs/infra/src/config/app-config';
import { eventually, settled, startSystem, System } from '../../support/system';

/**
 * Agents take a state only from a worker that shows their own credential (derived from the
 * control plane's AGENT_TOKEN). A worker set up with another secret is refused: the target fails
 * at once with the agent's 401, without retries, since retrying cannot help; it is a
 * configuration error for an operator to fix.
 */
describe('a worker without the agents\' credentials', () => {
  let sys: System;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    // The API and the agent share the development secret (the agent registers); the worker has another.
    sys = await startSystem({ agents: ['hv-1'], worker: false });
    await eventually('the agent registered', async () => ((await sys.operator.get('/v1/hypervisors')).body.length === 1 ? true : undefined));
    worker = await createWorker(loadAppConfig({ ...sys.env, WORKER_PORT: '0', AGENT_TOKEN: 'not-the-agents-secret' }, 'worker'), { logger: ['error'] });
  });
  afterAll(async () => {
    await worker?.close();
    await sys.close();
  });

  it('cannot change what an agent enforces: the operation fails with the agent\'s 401 after one attempt', async () => {
    const vpc = (await sys.http.post('/v1/vpcs', { name: 'token', cidr: '10.0.0.0/16' })).body;
    const instance = await sys.http.post('/v1/instances', { name: 'gpu-1', vpcId: vpc.id, hypervisorId: 'hv-1', ipv4: '10.0.1.5' });
    expect(instance.status).toBe(201);
    const op = await settled(sys.http, instance.body.operation.id, 30_000);
    expect(op.status).toBe('failed');
    expect(op.targets).toEqual([expect.objectContaining({ hypervisorId: 'hv-1', status: 'failed', attempts: 1, error: expect.stringMatching(/answered 401: a push needs this agent's credential/) })]);
    const state = await sys.agents.get('hv-1')!.state();
    expect(state.ports).toEqual([]);
  });
});
