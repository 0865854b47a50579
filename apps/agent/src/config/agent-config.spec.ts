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
      controlPlane: { url: 'http://127.0.0.1:3000', apiKey: 'dev-operator-key', register: true },
      token: 'dev-agent-token',
      developmentToken: true,
      nftables: { netns: null, table: 'sg_agent', interfacePrefix: 'tap', driftIntervalMs: 10_000 },
    });
  });

  it('reads every setting', () => {
    const config = loadAgentConfig({
      AGENT_ID: 'hv-gpu-17',
      AGENT_HOST: '0.0.0.0',
      AGENT_PORT: '7100',
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
      controlPlane: { url: 'https://sg.internal', apiKey: 'operator-key-ops-0001', register: false },
      token: 'a-secret-of-this-cloud',
      developmentToken: false,
      nftables: { netns: 'sglab-hv', table: 'sg_lab', interfacePrefix: 'vnet', driftIntervalMs: 0 },
    });
  });

  it.each([
    [{ AGENT_PORT: 'seven' }, /^AGENT_PORT: /],
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
  });

  it('never echoes the API key or the token in its message', () => {
    expect(() => loadAgentConfig({ AGENT_API_KEY: 'secret key with spaces' })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('secret') }));
    expect(() => loadAgentConfig({ AGENT_TOKEN: 'secret token with spaces' })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('secret') }));
  });

  describe('with NODE_ENV=production', () => {
    const production = { NODE_ENV: 'production', AGENT_TOKEN: 'a-secret-of-this-cloud', AGENT_API_KEY: 'operator-key-ops-0001' };

    it('starts with a token and an API key of its own', () => {
      expect(loadAgentConfig(production)).toMatchObject({ production: true, developmentToken: false });
    });

    it.each([
      [{ AGENT_TOKEN: undefined }, /^AGENT_TOKEN: the agent token is the public development default, refused with NODE_ENV=production/],
      [{ AGENT_TOKEN: 'dev-agent-token' }, /^AGENT_TOKEN: /],
      [{ AGENT_API_KEY: undefined }, /^AGENT_API_KEY: the API key is the public development default/],
      [{ AGENT_API_KEY: 'dev-operator-key' }, /^AGENT_API_KEY: /],
    ])('refuses the development default %j, naming the setting', (change, message) => {
      expect(() => loadAgentConfig({ ...production, ...change })).toThrow(message);
    });

    it('does not ask for an API key it never uses (AGENT_REGISTER=false)', () => {
      expect(loadAgentConfig({ ...production, AGENT_API_KEY: undefined, AGENT_REGISTER: 'false' }).production).toBe(true);
    });
  });
});
