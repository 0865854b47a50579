import { FINDING_CHECKS } from '@sg/domain';
import { generateKeyPairSync } from 'node:crypto';
import { loadAppConfig } from './app-config';

describe('app config', () => {
  it('runs with no configuration at all', () => {
    const c = loadAppConfig({});
    expect(c.http.port).toBe(3000);
    expect(c.apiKeys).toEqual([
      { key: 'dev-member-key', tenant: 'demo', role: 'member' },
      { key: 'dev-operator-key', tenant: 'ops', role: 'operator' },
    ]);
    expect(c.limits).toEqual({ rulesPerGroup: 200, groupsPerInstance: 5, groupsPerVpc: 100, addressesPerRequest: 1000, stateEntriesPerHypervisor: 10_000 });
    expect(c.http.corsOrigins).toEqual([]);
    expect(c.propagation.agentToken).toBe('dev-agent-token');
    expect(c.propagation).toMatchObject({ reconcileConcurrency: 32, concurrency: 16, relayPollMs: 1000 });
    expect(c.retention).toEqual({ intervalMs: 3_600_000, notificationMaxAgeHours: 168 });
    expect(c.production).toBe(false);
    expect(c.log).toEqual({ level: 'info', format: 'auto' });
    expect(c.worker.http).toEqual({ host: '127.0.0.1', port: 3100 });
  });

  it('reads the consoles\' origins for CORS: a list, or * for any', () => {
    expect(loadAppConfig({ CORS_ORIGINS: 'https://console.example.com, http://localhost:5173' }).http.corsOrigins).toEqual(['https://console.example.com', 'http://localhost:5173']);
    expect(loadAppConfig({ CORS_ORIGINS: '*' }).http.corsOrigins).toBe('*');
  });

  it.each([
    [{ PORT: 'eighty' }, /^PORT: /],
    [{ PORT: '70000' }, /^PORT: /],
    [{ TRUST_PROXY: 'maybe' }, /^TRUST_PROXY: /],
    [{ REDIS_URL: 'http://x' }, /^REDIS_URL: /],
    [{ DATABASE_URL: 'mysql://x/y' }, /^DATABASE_URL: /],
    [{ API_KEYS: 'short:demo:member' }, /^API_KEYS: /],
    [{ API_KEYS: 'long-enough-key:demo:admin' }, /^API_KEYS: .*admin/],
    [{ LIMIT_RULES_PER_GROUP: '0' }, /^LIMIT_RULES_PER_GROUP: /],
    [{ RECONCILE_CONCURRENCY: '0' }, /^RECONCILE_CONCURRENCY: /],
    [{ RETENTION_INTERVAL_MS: 'hourly' }, /^RETENTION_INTERVAL_MS: /],
    [{ NOTIFICATION_RETENTION_HOURS: '0' }, /^NOTIFICATION_RETENTION_HOURS: /],
    [{ CORS_ORIGINS: 'https://console.example.com/' }, /^CORS_ORIGINS: /],
    [{ CORS_ORIGINS: 'console.example.com' }, /^CORS_ORIGINS: /],
    [{ CORS_ORIGINS: 'https://a.example, *' }, /^CORS_ORIGINS: /],
    [{ AGENT_TOKEN: 'short' }, /^AGENT_TOKEN: /],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL: /],
    [{ LOG_FORMAT: 'xml' }, /^LOG_FORMAT: /],
    [{ WORKER_PORT: '-1' }, /^WORKER_PORT: /],
  ])('stops on %j with a message naming the setting', (env, message) => {
    expect(() => loadAppConfig(env)).toThrow(message);
  });

  describe('with NODE_ENV=production', () => {
    const auditKey = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
    const production = { NODE_ENV: 'production', API_KEYS: 'a-long-member-key:acme:member', AGENT_TOKEN: 'a-secret-of-this-cloud', AUDIT_SIGNING_KEY: auditKey };

    it('both refuse to sign audit digests with the development key (AUDIT_SIGNING_KEY unset), and take a key of their own as PEM or base64 DER', () => {
      expect(() => loadAppConfig({ ...production, AUDIT_SIGNING_KEY: undefined })).toThrow(/^AUDIT_SIGNING_KEY: the development audit signing key .* refused with NODE_ENV=production/);
      expect(() => loadAppConfig({ ...production, AUDIT_SIGNING_KEY: undefined }, 'worker')).toThrow(/^AUDIT_SIGNING_KEY: /);
      const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      expect(loadAppConfig({ ...production, AUDIT_SIGNING_KEY: pem.replace(/\n/g, '\\n') }).audit.signingKey).toBe(pem);
      expect(loadAppConfig(production).audit.signingKey).toMatch(/^-----BEGIN PRIVATE KEY-----/);
      expect(loadAppConfig({}).audit).toEqual({ signingKey: null, digestIntervalMs: 300_000, digestMaxEvents: 1000, findingChecks: new Set(FINDING_CHECKS) });
    });

    it('runs every finding check by default, the listed ones when FINDINGS_CHECKS is set, and refuses an unknown one by name', () => {
      expect([...loadAppConfig({ FINDINGS_CHECKS: ' ssh-open-to-world , group-unattached' }).audit.findingChecks]).toEqual(['ssh-open-to-world', 'group-unattached']);
      expect(loadAppConfig({ FINDINGS_CHECKS: '' }).audit.findingChecks.size).toBe(0);
      expect(() => loadAppConfig({ FINDINGS_CHECKS: 'ssh-open-to-world,telnet-open' })).toThrow(/^FINDINGS_CHECKS: unknown check "telnet-open"; the checks are ssh-open-to-world, /);
      expect(() => loadAppConfig({ FINDINGS_CHECKS: 'telnet-open' }, 'worker')).toThrow(/^FINDINGS_CHECKS: /);
    });

    it('refuses a signing key that is no Ed25519 private key, naming AUDIT_SIGNING_KEY', () => {
      const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      expect(() => loadAppConfig({ AUDIT_SIGNING_KEY: rsa })).toThrow(/^AUDIT_SIGNING_KEY: must be an Ed25519 private key/);
      expect(() => loadAppConfig({ AUDIT_SIGNING_KEY: 'not-a-key' })).toThrow(/^AUDIT_SIGNING_KEY: /);
    });

    it('starts with keys and a token of its own', () => {
      expect(loadAppConfig(production).production).toBe(true);
      expect(loadAppConfig(production, 'worker').production).toBe(true);
    });

    it.each([
      [{ API_KEYS: undefined }, /^API_KEYS: a key of the development set .* is the public development default, refused with NODE_ENV=production/],
      [{ API_KEYS: 'a-long-member-key:acme:member,dev-operator-key:ops:operator' }, /^API_KEYS: /],
    ])('the API refuses the development keys (%j), naming API_KEYS', (change, message) => {
      expect(() => loadAppConfig({ ...production, ...change })).toThrow(message);
    });

    it.each([[{ AGENT_TOKEN: undefined }], [{ AGENT_TOKEN: 'dev-agent-token' }]])('the worker refuses the development agent token (%j), naming AGENT_TOKEN', (change) => {
      expect(() => loadAppConfig({ ...production, ...change }, 'worker')).toThrow(/^AGENT_TOKEN: the agent token is the public development default/);
    });

    it('each refuses only what it uses: the worker holds no API keys; both derive agent credentials from AGENT_TOKEN', () => {
      expect(loadAppConfig({ ...production, API_KEYS: undefined }, 'worker').production).toBe(true);
      expect(() => loadAppConfig({ ...production, AGENT_TOKEN: undefined }, 'api')).toThrow(/^AGENT_TOKEN: /);
      expect(() => loadAppConfig({ ...production, AGENT_TOKEN: undefined }, 'worker')).toThrow(/^AGENT_TOKEN: /);
    });

    it('refuses loopback agent URLs unless told otherwise; elsewhere takes them', () => {
      expect(loadAppConfig(production).propagation.agentUrls.allowLoopback).toBe(false);
      expect(loadAppConfig({ ...production, AGENT_URL_ALLOW_LOOPBACK: 'true' }).propagation.agentUrls.allowLoopback).toBe(true);
      expect(loadAppConfig({}).propagation.agentUrls).toEqual({ allowLoopback: true, networks: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7'] });
      expect(loadAppConfig({ AGENT_NETWORKS: '10.20.0.0/16, fd20::/48' }).propagation.agentUrls.networks).toEqual(['10.20.0.0/16', 'fd20::/48']);
      expect(() => loadAppConfig({ AGENT_NETWORKS: '10.20.0.0/99' })).toThrow(/^AGENT_NETWORKS: /);
      expect(() => loadAppConfig({ AGENT_URL_ALLOW_LOOPBACK: 'maybe' })).toThrow(/^AGENT_URL_ALLOW_LOOPBACK: /);
    });
  });
});
