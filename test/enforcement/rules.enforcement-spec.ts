import { stateHash } from '@sg/protocol';
import { ALLOW_OUT, desired, group, LabAgent, NetLab, port, rule, startNetLab, tcp, Vm } from './support/netlab';

/** Rules as written, on real packets between VM namespaces through the hypervisor's nftables. */

let lab: NetLab;
let agent: LabAgent;
let vm1: Vm, vm2: Vm, vm3: Vm;
let revision = 0;

const TCP_PORTS = [22, 80, 8000, 8005, 8010, 8011];
const UDP_PORTS = [53, 5353];

beforeAll(async () => {
  lab = await startNetLab();
  [vm1, vm2, vm3] = lab.vms;
  for (const vm of lab.vms) {
    await vm.listen('tcp', ...TCP_PORTS);
    await vm.listen('udp', ...UDP_PORTS);
  }
  agent = await lab.startAgent();
});

afterAll(async () => {
  await lab?.destroy();
});

async function enforce(...ports: Parameters<typeof desired>[1]): Promise<void> {
  const state = desired(++revision, ports);
  const res = await agent.push(state);
  // The agent answers with the revision and the hash of what it applied: the desired state's.
  expect(res).toEqual({ status: 200, body: { hypervisorId: 'lab-hv', appliedRevision: revision, appliedHash: stateHash(state.ports), changed: true } });
}

const from = (vm: Vm) => [`${vm.ipv4}/32`];

describe('rules on real packets', () => {
  it('lets an allowed TCP port connect and drops an unlisted port and an unlisted source', async () => {
    await enforce(port(vm1, [ALLOW_OUT]), port(vm2, [ALLOW_OUT, group('sg-ssh', [tcp(22, from(vm1))])]), port(vm3, [ALLOW_OUT]));
    expect(await vm1.connect(vm2.ipv4, 22)).toBe('connected');
    expect(await vm1.connect(vm2.ipv4, 80)).toBe('timeout');
    expect(await vm3.connect(vm2.ipv4, 22)).toBe('timeout');
  });

  it('drops everything to and from a port the state does not list', async () => {
    await enforce(port(vm1, [ALLOW_OUT]), port(vm2, [ALLOW_OUT, group('sg-open', [tcp(22)])]));
    expect(await vm1.connect(vm2.ipv4, 22)).toBe('connected');
    expect(await vm3.connect(vm2.ipv4, 22)).toBe('timeout');
    expect(await vm1.connect(vm3.ipv4, 22)).toBe('timeout');
    expect(await vm3.ping(vm1.ipv4)).toBe(false);
  });

  it('keeps to a port range and to a remote list of 1,000 addresses, which becomes one rule with a set', async () => {
    const others = Array.from({ length: 999 }, (_, i) => `198.51.${Math.floor(i / 200)}.${(i % 200) + 1}/32`);
    const rules = [...others, `${vm1.ipv4}/32`].map((cidr, i) => tcp([8000, 8010], [cidr], { id: `sgr-list-${i}` }));
    await enforce(port(vm1, [ALLOW_OUT]), port(vm2, [ALLOW_OUT, group('sg-list', rules)]), port(vm3, [ALLOW_OUT]));
    expect(await Promise.all([8000, 8005, 8010, 8011].map((p) => vm1.connect(vm2.ipv4, p)))).toEqual(['connected', 'connected', 'connected', 'timeout']);
    expect(await vm3.connect(vm2.ipv4, 8000)).toBe('timeout');
    const chain = JSON.parse(await lab.inHypervisor('nft', '-j', 'list', 'chain', 'inet', lab.table, 'group_in_sg-list'));
    expect(chain.nftables.filter((o: object) => 'rule' in o)).toHaveLength(1);
  });

  it('allows the union of two groups on one VM', async () => {
    await enforce(
      port(vm1, [ALLOW_OUT]),
      port(vm2, [ALLOW_OUT, group('sg-a', [tcp(22, from(vm1))]), group('sg-b', [tcp(80, from(vm3))])]),
      port(vm3, [ALLOW_OUT]),
    );
    expect(await vm1.connect(vm2.ipv4, 22)).toBe('connected');
    expect(await vm3.connect(vm2.ipv4, 80)).toBe('connected');
    expect(await vm1.connect(vm2.ipv4, 80)).toBe('timeout');
    expect(await vm3.connect(vm2.ipv4, 22)).toBe('timeout');
  });

  it('keeps to UDP ports and ICMP echo as written', async () => {
    const rules = [
      rule({ direction: 'inbound', protocol: 'udp', portRange: { from: 53, to: 53 }, remoteCidrs: from(vm1) }),
      rule({ direction: 'inbound', protocol: 'icmp', icmp: { type: 8, code: null }, remoteCidrs: from(vm1) }),
    ];
    await enforce(port(vm1, [ALLOW_OUT]), port(vm2, [ALLOW_OUT, group('sg-udp', rules)]), port(vm3, [ALLOW_OUT]));
    expect(await vm1.udp(vm2.ipv4, 53)).toBe('answered');
    expect(await vm1.udp(vm2.ipv4, 5353)).toBe('timeout');
    expect(await vm3.udp(vm2.ipv4, 53)).toBe('timeout');
    expect(await vm1.ping(vm2.ipv4)).toBe(true);
    expect(await vm3.ping(vm2.ipv4)).toBe(false);
  });

  it('lets related ICMP errors and resets of allowed connections back in with no rule for them', async () => {
    const rules = [tcp(23, from(vm1)), rule({ direction: 'inbound', protocol: 'udp', portRange: { from: 5399, to: 5399 }, remoteCidrs: from(vm1) })];
    const out = group('sg-out-only', [rule({ direction: 'outbound', protocol: 'tcp', portRange: { from: 23, to: 23 } }), rule({ direction: 'outbound', protocol: 'udp', portRange: { from: 5399, to: 5399 } })]);
    await enforce(port(vm1, [out]), port(vm2, [group('sg-closed', rules)]), port(vm3, [ALLOW_OUT]));
    // Nothing listens there: vm2 answers a TCP reset and an ICMP port unreachable, which vm1 hears.
    expect(await vm1.connect(vm2.ipv4, 23)).toBe('refused');
    expect(await vm1.udp(vm2.ipv4, 5399)).toBe('refused');
    // Without a rule, nothing comes back at all.
    expect(await vm1.udp(vm2.ipv4, 5398)).toBe('timeout');
  });

  it('lets platform traffic reach the hypervisor with no rule at all, and nothing else', async () => {
    const hv = await lab.hypervisorHelper();
    await lab.inHypervisor('ip', 'address', 'add', '169.254.169.254/32', 'dev', 'lo');
    try {
      await hv.listen('tcp', 80, 22);
      await hv.listen('udp', 67);
      await enforce(port(vm1, []), port(vm2, [ALLOW_OUT]), port(vm3, [ALLOW_OUT]));
      expect(await vm1.connect('169.254.169.254', 80)).toBe('connected'); // the metadata service
      expect(await vm1.udp('169.254.1.1', 67, { localPort: 68 })).toBe('answered'); // a DHCP client
      expect(await vm1.connect('169.254.1.1', 22)).toBe('timeout');
      expect(await vm2.connect('169.254.1.1', 22)).toBe('timeout'); // even with every outbound rule
      expect(await vm1.udp('169.254.1.1', 67)).toBe('timeout'); // not from the DHCP client port
    } finally {
      await lab.inHypervisor('ip', 'address', 'del', '169.254.169.254/32', 'dev', 'lo');
    }
  });

  it('lets the replies of an outbound connection in with no inbound rule, and enforces both ends', async () => {
    const out = group('sg-client', [rule({ direction: 'outbound', protocol: 'tcp', portRange: { from: 80, to: 80 }, remoteCidrs: from(vm2) })]);
    // vm2 takes 80 from vm1 and 22 from anyone, and may not open anything itself.
    const server = group('sg-server', [tcp(80, from(vm1)), tcp(22)]);
    await enforce(port(vm1, [out]), port(vm2, [server]), port(vm3, [ALLOW_OUT]));
    expect(await vm1.connect(vm2.ipv4, 80)).toBe('connected');
    expect(await vm1.connect(vm2.ipv4, 22)).toBe('timeout'); // vm1 has no outbound rule for it
    expect(await vm3.connect(vm2.ipv4, 22)).toBe('connected');
    expect(await vm2.connect(vm3.ipv4, 22)).toBe('timeout'); // nor vm2 (vm3 has no inbound rule either)
  });

  it('works over IPv6 under default deny: neighbour discovery passes, the rules hold', async () => {
    // Forget every neighbour, so that the connections below need neighbour discovery through the rules.
    await lab.inHypervisor('ip', '-6', 'neigh', 'flush', 'all');
    for (const vm of lab.vms) await vm.exec('ip', '-6', 'neigh', 'flush', 'all');
    const v6 = group('sg-v6', [
      tcp(22, [`${vm1.ipv6}/128`], { ipVersion: 'IPv6' }),
      rule({ direction: 'inbound', protocol: 'icmpv6', icmp: { type: 128, code: null }, remoteCidrs: ['fd77::/64'] }),
    ]);
    await enforce(port(vm1, [ALLOW_OUT]), port(vm2, [ALLOW_OUT, v6]), port(vm3, [ALLOW_OUT]));
    expect(await vm1.connect(vm2.ipv6, 22)).toBe('connected');
    expect(await vm3.connect(vm2.ipv6, 22)).toBe('timeout');
    expect(await vm1.connect(vm2.ipv6, 80)).toBe('timeout');
    expect(await vm3.ping(vm2.ipv6)).toBe(true);
    expect(await vm2.ping(vm1.ipv6)).toBe(false);
  });

  it('drops a spoofed source address, IPv4 and IPv6, even where replies could come back', async () => {
    await enforce(port(vm1, [ALLOW_OUT]), port(vm2, [ALLOW_OUT, group('sg-any', [tcp(22), tcp(22, undefined, { ipVersion: 'IPv6' })])]), port(vm3, [ALLOW_OUT]));
    // vm1 takes on addresses that are not its own, and the hypervisor routes them back to it.
    await vm1.exec('ip', 'address', 'add', '10.77.0.99/32', 'dev', 'eth0');
    await vm1.exec('ip', 'address', 'add', 'fd77::99/128', 'dev', 'eth0', 'nodad');
    await lab.inHypervisor('ip', 'route', 'add', '10.77.0.99/32', 'dev', vm1.tap);
    await lab.inHypervisor('ip', '-6', 'route', 'add', 'fd77::99/128', 'dev', vm1.tap);
    try {
      expect(await vm1.connect(vm2.ipv4, 22)).toBe('connected');
      expect(await vm1.connect(vm2.ipv4, 22, { localAddress: '10.77.0.99' })).toBe('timeout');
      expect(await vm1.connect(vm2.ipv6, 22)).toBe('connected');
      expect(await vm1.connect(vm2.ipv6, 22, { localAddress: 'fd77::99' })).toBe('timeout');
    } finally {
      await lab.inHypervisor('ip', 'route', 'del', '10.77.0.99/32');
      await lab.inHypervisor('ip', '-6', 'route', 'del', 'fd77::99/128');
      await vm1.exec('ip', 'address', 'del', '10.77.0.99/32', 'dev', 'eth0');
      await vm1.exec('ip', 'address', 'del', 'fd77::99/128', 'dev', 'eth0');
    }
  });
});

