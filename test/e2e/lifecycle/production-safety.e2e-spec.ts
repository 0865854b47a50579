import { agentCredential } from '../../../libs/protocol/src/agent-credential';
import { spawnAgent, stopAllAgents } from '../../support/agent-process';
import { TEST_API_KEYS } from '../../support/api';
import { spawnApi, spawnWorker, stopAllWorkers } from '../../support/worker-process';

/**
 * With NODE_ENV=production the processes, started as a deployment starts them, refuse the
 * development secrets the README publishes, naming the setting, before they listen or connect.
 */
describe('NODE_ENV=production', () => {
  afterAll(async () => {
    await stopAllAgents();
    await stopAllWorkers();
  });

  const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://postgres@127.0.0.1:9/none', QUEUE_PREFIX: 'sg-refused' };

  it('the API refuses to start without API keys of its own', async () => {
    await expect(spawnApi(production)).rejects.toThrow(/Configuration error: API_KEYS: .*public development default, refused with NODE_ENV=production/);
    await expect(spawnApi({ ...production, API_KEYS: `${TEST_API_KEYS},dev-operator-key:ops:operator` })).rejects.toThrow(/Configuration error: API_KEYS: /);
  });

  it('the worker and the API refuse the development agent secret (every agent credential derives from it)', async () => {
    await expect(spawnWorker({ ...production, AGENT_TOKEN: 'dev-agent-token' })).rejects.toThrow(/Configuration error: AGENT_TOKEN: the agent token is the public development default, refused with NODE_ENV=production/);
    await expect(spawnApi({ ...production, API_KEYS: TEST_API_KEYS })).rejects.toThrow(/Configuration error: AGENT_TOKEN: the agent token is the public development default, refused with NODE_ENV=production/);
  });

  it('the worker and the API refuse to sign audit digests with the development key', async () => {
    const own = { ...production, API_KEYS: TEST_API_KEYS, AGENT_TOKEN: 'a-secret-of-this-cloud' };
    await expect(spawnWorker(own)).rejects.toThrow(/Configuration error: AUDIT_SIGNING_KEY: the development audit signing key .*refused with NODE_ENV=production/);
    await expect(spawnApi(own)).rejects.toThrow(/Configuration error: AUDIT_SIGNING_KEY: /);
  });

  it('an agent refuses the development secret and the credential derived from it', async () => {
    const agent = { id: 'hv-prod', apiUrl: 'http://127.0.0.1:9', apiKey: 'operator-key-ops-0001' };
    await expect(spawnAgent({ ...agent, env: { NODE_ENV: 'production' } })).rejects.toThrow(/Configuration error: AGENT_TOKEN: .*refused with NODE_ENV=production/);
    const derived = agentCredential('dev-agent-token', 'hv-prod');
    await expect(spawnAgent({ ...agent, env: { NODE_ENV: 'production', AGENT_TOKEN: derived } })).rejects.toThrow(/Configuration error: AGENT_TOKEN: .*refused with NODE_ENV=production/);
  });
});
