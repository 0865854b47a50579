import { agentCredential } from '@sg/protocol';
import { loadAgentConfig } from './agent-config';

describe('agent config', () => {
  it('runs with no configuration at all', () => {
    expect(loadAgentConfig({})).toEqual({
      production: false,
      log: { level: 'info', format: 'auto' },
      hypervisorId: 'hv-1',
      http: { host: '127.0.0.1', port: 7001 },
      driver: 'memory',
      agentUrl: undefined,
      controlPlane: { url: 'http://127.0.0.1:3000', register: true },
      token: agentCredential('dev-agent-token', 'hv-1'),
      developmentToken: true,
      tokenWasSharedSecret: false,
      nftables: { netns: null, table: 'sg_agent', interfacePrefix: 'tap', driftIntervalMs: 10_000 },
      maxBodyBytes: 16 * 1024 * 1024,
    });
  });

  it('reads every setting', () => {
    const config = loadAgentConfig({
      AGENT_ID: 'hv-gpu-17',
      AGENT_HOST: '0.0.0.0',
      AGENT_PORT: '7100',
      AGENT_MAX_BODY_BYTES: '65536',
      AGENT_DRIVER: 'nftables',
      AGENT_URL: 'http://10.0.0.17:7100/',
      API_URL: 'https://sg.internal/',
      AGENT_API_KEY: 'operator-key-ops-0001',
      AGENT_REGISTER: 'false',
      AGENT_TOKEN: 'a-secret-of-this-cloud',
      AGENT_NETNS: 'sglab-hv',
      AGENT_NFT_TABLE: 'sg_lab',
      AGENT_INTERFACE_PREFIX: 'vnet',
      AGENT_DRIFT_INTERVAL_MS: '0',
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'json',
    });
    expect(config).toEqual({
      production: false,
      log: { level: 'debug', format: 'json' },
      hypervisorId: 'hv-gpu-17',
      http: { host: '0.0.0.0', port: 7100 },
      driver: 'nftables',
      agentUrl: 'http://10.0.0.17:7100',
      controlPlane: { url: 'https://sg.internal', register: false },
      token: agentCredential('a-secret-of-this-cloud', 'hv-gpu-17'),
      developmentToken: false,
      tokenWasSharedSecret: true,
      nftables: { netns: 'sglab-hv', table: 'sg_lab', interfacePrefix: 'vnet', driftIntervalMs: 0 },
      maxBodyBytes: 65_536,
    });
  });

  it.each([
    [{ AGENT_PORT: 'seven' }, /^AGENT_PORT: /],
    [{ AGENT_MAX_BODY_BYTES: '10' }, /^AGENT_MAX_BODY_BYTES: /],
    [{ AGENT_PORT: '70000' }, /^AGENT_PORT: /],
    [{ AGENT_ID: 'hv 1' }, /^AGENT_ID: /],
    [{ AGENT_HOST: 'not a host' }, /^AGENT_HOST: /],
    [{ AGENT_DRIVER: 'iptables' }, /^AGENT_DRIVER: must be memory or nftables/],
    [{ AGENT_URL: 'ftp://x' }, /^AGENT_URL: /],
    [{ AGENT_URL: 'http://10.0.0.7:7001/?x=1' }, /^AGENT_URL: must not carry/],
    [{ AGENT_HOST: '0.0.0.0' }, /^AGENT_URL: must be set when AGENT_HOST is 0.0.0.0/],
    [{ API_URL: 'localhost:3000' }, /^API_URL: /],
    [{ AGENT_REGISTER: 'maybe' }, /^AGENT_REGISTER: /],
    [{ AGENT_API_KEY: 'short' }, /^AGENT_API_KEY: /],
    [{ AGENT_TOKEN: 'short' }, /^AGENT_TOKEN: /],
    [{ AGENT_NETNS: 'hv/../x' }, /^AGENT_NETNS: /],
    [{ AGENT_NFT_TABLE: 'sg-agent' }, /^AGENT_NFT_TABLE: /],
    [{ AGENT_INTERFACE_PREFIX: 'tap*' }, /^AGENT_INTERFACE_PREFIX: /],
    [{ AGENT_DRIFT_INTERVAL_MS: '50' }, /^AGENT_DRIFT_INTERVAL_MS: must be 0 \(no checks\) or at least 100/],
  ])('stops on %j with a message naming the setting', (env, message) => {
    expect(() => loadAgentConfig(env)).toThrow(message);
  });

  it('knows the development token when it is written out, as docker-compose.yml does', () => {
    expect(loadAgentConfig({ AGENT_TOKEN: 'dev-agent-token' }).developmentToken).toBe(true);
    expect(loadAgentConfig({ AGENT_TOKEN: agentCredential('dev-agent-token', 'hv-1') }).developmentToken).toBe(true);
  });

  it('keeps its own credential as given, and derives it (forgetting the secret) when given the shared secret', () => {
    const own = agentCredential('a-secret-of-this-cloud', 'hv-3');
    expect(loadAgentConfig({ AGENT_ID: 'hv-3', AGENT_TOKEN: own })).toMatchObject({ token: own, tokenWasSharedSecret: false, developmentToken: false });
    const derived = loadAgentConfig({ AGENT_ID: 'hv-3', AGENT_TOKEN: 'a-secret-of-this-cloud' });
    expect(derived).toMatchObject({ token: own, tokenWasSharedSecret: true });
    expect(JSON.stringify(derived)).not.toContain('a-secret-of-this-cloud');
  });

  it('never echoes the API key or the token in its message', () => {
    expect(() => loadAgentConfig({ AGENT_API_KEY: 'secret key with spaces' })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('secret') }));
    expect(() => loadAgentConfig({ AGENT_TOKEN: 'secret token with spaces' })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('secret') }));
  });

  describe('with NODE_ENV=production', () => {
    const production = { NODE_ENV: 'production', AGENT_TOKEN: agentCredential('a-secret-of-this-cloud', 'hv-1') };

    it('starts with a credential of its own, and needs no API key (it registers with its credential)', () => {
      expect(loadAgentConfig(production)).toMatchObject({ production: true, developmentToken: false });
    });

    it.each([
      [{ AGENT_TOKEN: undefined }, /^AGENT_TOKEN: the agent token is the public development default, refused with NODE_ENV=production/],
      [{ AGENT_TOKEN: 'dev-agent-token' }, /^AGENT_TOKEN: /],
      [{ AGENT_TOKEN: agentCredential('dev-agent-token', 'hv-1') }, /^AGENT_TOKEN: /],
    ])('refuses the development default %j, naming the setting', (change, message) => {
      expect(() => loadAgentConfig({ ...production, ...change })).toThrow(message);
    });
  });
});
