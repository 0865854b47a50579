import { AgentUrlPolicy, DEFAULT_AGENT_NETWORKS } from './agent-url-policy';

describe('AgentUrlPolicy', () => {
  const dev = new AgentUrlPolicy({ networks: DEFAULT_AGENT_NETWORKS, allowLoopback: true });
  const strict = new AgentUrlPolicy({ networks: ['10.20.0.0/16', 'fd20::/48'], allowLoopback: false });

  it('takes addresses on the agent networks', () => {
    for (const url of ['http://10.0.0.7:7001', 'https://192.168.1.2:7443', 'http://172.16.0.1:1', 'http://[fd77::1]:7001', 'http://100.64.0.9:7001']) expect(dev.urlRefusal(url)).toBeNull();
    expect(strict.urlRefusal('http://10.20.3.4:7001')).toBeNull();
    expect(strict.urlRefusal('http://10.21.3.4:7001')).toMatch(/not on the agent networks \(AGENT_NETWORKS: 10\.20\.0\.0\/16, fd20::\/48\)/);
  });

  it('refuses metadata, link-local, unspecified, multicast and broadcast addresses whatever the networks say', () => {
    const everything = new AgentUrlPolicy({ networks: ['0.0.0.0/0', '::/0'], allowLoopback: true });
    for (const url of ['http://169.254.169.254/', 'http://[fd00:ec2::254]/', 'http://[::ffff:169.254.169.254]/', 'http://169.254.1.1/', 'http://[fe80::1%25eth0]/', 'http://0.0.0.0/', 'http://[::]/', 'http://239.1.1.1/', 'http://255.255.255.255/']) {
      expect([url, everything.urlRefusal(url)]).toEqual([url, expect.any(String)]);
    }
  });

  it('takes loopback only when allowed, in every spelling the URL parser folds to it', () => {
    for (const url of ['http://127.0.0.1:5432', 'http://[::1]:5432', 'http://2130706433:5432', 'http://0x7f000001:5432', 'http://0177.0.0.1:5432', 'http://127.1/', 'http://[::ffff:7f00:1]/', 'http://localhost:5432', 'http://LOCALHOST./', 'http://db.localhost/']) {
      expect([url, strict.urlRefusal(url)]).toEqual([url, expect.stringMatching(/loopback/)]);
      expect([url, dev.urlRefusal(url)]).toEqual([url, null]);
    }
  });

  it('judges a host name by every address it resolves to, before a push', async () => {
    const names: Record<string, string[]> = { 'agent-1.internal': ['10.20.0.5'], 'rebound.internal': ['10.20.0.6', '127.0.0.1'], 'meta.internal': ['169.254.169.254'] };
    const resolving = new AgentUrlPolicy(strict.config, async (host) => {
      if (!names[host]) throw new Error('ENOTFOUND');
      return names[host].map((address) => ({ address }));
    });
    expect(resolving.urlRefusal('http://rebound.internal:7001')).toBeNull();
    expect(await resolving.resolvedRefusal('http://agent-1.internal:7001')).toBeNull();
    expect(await resolving.resolvedRefusal('http://rebound.internal:7001')).toMatch(/^rebound\.internal resolves to 127\.0\.0\.1 is a loopback address/);
    expect(await resolving.resolvedRefusal('http://meta.internal/')).toMatch(/metadata/);
    expect(await resolving.resolvedRefusal('http://127.0.0.1:5432')).toMatch(/loopback/);
    // A name nobody can resolve sends nothing anyway: the push fails as unreachable.
    expect(await resolving.resolvedRefusal('http://no-such-host.invalid:7001')).toBeNull();
  });
});
