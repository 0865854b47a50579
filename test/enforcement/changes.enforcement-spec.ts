import { setTimeout as sleep } from 'node:timers/promises';
import { ALLOW_OUT, desired, group, LabAgent, NetLab, port, rule, startNetLab, Stream, tcp, until, Vm } from './support/netlab';

/** Changes to a ruleset in force: what they cut, what they must not disturb, and what happens when one fails. */

let lab: NetLab;
let agent: LabAgent;
let vm1: Vm, vm2: Vm, vm3: Vm;
let revision = 0;

beforeAll(async () => {
  lab = await startNetLab();
  [vm1, vm2, vm3] = lab.vms;
  for (const vm of lab.vms) {
    await vm.listen('tcp', 22, 80);
    await vm.listen('udp', 53);
  }
});

afterAll(async () => {
  await lab?.destroy();
});

const from = (vm: Vm) => [`${vm.ipv4}/32`];

async function enforce(...ports: Parameters<typeof desired>[1]): Promise<any> {
  const res = await agent.push(desired(++revision, ports));
  expect(res).toMatchObject({ status: 200, body: { appliedRevision: revision, changed: true } });
  return (await agent.state()).enforcement.lastApply;
}

/** Whether the stream's echoes stopped: nothing more came back over a while (after what was in flight). */
async function stalled(stream: Stream): Promise<boolean> {
  await sleep(500);
  const before = await stream.stats();
  await sleep(1_500);
  const after = await stream.stats();
  return after.received === before.received && after.sent > before.sent;
}

async function flowing(stream: Stream): Promise<void> {
  const { received } = await stream.stats();
  await until('the stream to echo more', async () => (await stream.stats()).received > received);
}

describe('changes to the ruleset in force', () => {
  it('denies every VM port from the moment the agent starts where there was no table', async () => {
    expect(await vm1.connect(vm2.ipv4, 22)).toBe('connected'); // no firewall yet
    agent = await lab.startAgent();
    expect(await vm1.connect(vm2.ipv4, 22)).toBe('timeout');
    expect((await agent.state()).appliedRevision).toBe(0);
  });

  it('stops new connections when a rule is deleted and cuts the established ones it allowed, and only those', async () => {
    await enforce(port(vm1, [ALLOW_OUT]), port(vm2, [ALLOW_OUT, group('sg-web', [tcp(22, from(vm1)), tcp(80, from(vm1))])]), port(vm3, [ALLOW_OUT]));
    const ssh = await vm1.stream('tcp', vm2.ipv4, 22);
    const http = await vm1.stream('tcp', vm2.ipv4, 80);
    await flowing(ssh);
    await flowing(http);

    const applied = await enforce(port(vm1, [ALLOW_OUT]), port(vm2, [ALLOW_OUT, group('sg-web', [tcp(80, from(vm1))])]), port(vm3, [ALLOW_OUT]));
    expect(applied).toMatchObject({ chainsWritten: 1, setsWritten: 0 });
    expect(applied.connectionsCut).toBeGreaterThanOrEqual(1);
    expect(await vm1.connect(vm2.ipv4, 22)).toBe('timeout');
    expect(await stalled(ssh)).toBe(true);
    await flowing(http);
    const kept = await http.stop();
    expect(kept).toMatchObject({ error: null, closed: false });
    expect(kept.received).toBe(kept.sent);
    await ssh.stop(0);
  });

  it('cuts the established connections of a group taken off a port, and leaves the port\'s other groups\' connections alone', async () => {
    const ssh = group('sg-ssh', [tcp(22, from(vm1))]);
    const http = group('sg-http', [tcp(80, from(vm1))]);
    await enforce(port(vm1, [ALLOW_OUT]), port(vm2, [ALLOW_OUT, ssh, http]), port(vm3, [ALLOW_OUT]));
    const viaSsh = await vm1.stream('tcp', vm2.ipv4, 22);
    const viaHttp = await vm1.stream('tcp', vm2.ipv4, 80);
    await flowing(viaSsh);
    await flowing(viaHttp);
    await enforce(port(vm1, [ALLOW_OUT]), port(vm2, [ALLOW_OUT, http]), port(vm3, [ALLOW_OUT]));
    expect(await stalled(viaSsh)).toBe(true);
    await flowing(viaHttp);
    await viaSsh.stop(0);
    await viaHttp.stop(0);
  });

  it('loses no byte and no datagram of allowed traffic over 100 unrelated rule updates', async () => {
    const web = [tcp(22, from(vm1)), rule({ direction: 'inbound', protocol: 'udp', portRange: { from: 53, to: 53 }, remoteCidrs: from(vm1) })];
    await enforce(port(vm1, [ALLOW_OUT]), port(vm2, [ALLOW_OUT, group('sg-web', web)]), port(vm3, [ALLOW_OUT]));
    const cutBefore = (await agent.state()).enforcement.connectionsCut;
    const tcpStream = await vm1.stream('tcp', vm2.ipv4, 22, { bytes: 512, everyMs: 5 });
    const udpStream = await vm1.stream('udp', vm2.ipv4, 53, { bytes: 512, everyMs: 5 });
    await flowing(tcpStream);
    await flowing(udpStream);
    for (let i = 0; i < 100; i++) {
      // Rules come and go in the same group and in another one: each removal makes the agent check conntrack.
      const extra = i % 2 === 0 ? [tcp(5000 + i, from(vm3))] : [];
      const other = group('sg-other', [tcp(6000 + (i % 7), from(vm3))]);
      await enforce(port(vm1, [ALLOW_OUT]), port(vm2, [ALLOW_OUT, group('sg-web', [...web, ...extra]), other]), port(vm3, [ALLOW_OUT]));
    }
    const tcpResult = await tcpStream.stop();
    const udpResult = await udpStream.stop();
    expect(tcpResult).toMatchObject({ error: null, closed: false });
    expect(tcpResult.sent).toBeGreaterThan(0);
    expect(tcpResult.received).toBe(tcpResult.sent);
    expect(udpResult.sent).toBeGreaterThan(0);
    expect(udpResult.received).toBe(udpResult.sent);
    expect((await agent.state()).enforcement.connectionsCut).toBe(cutBefore);
  });

  it('changes a remote group membership by an element update that takes effect on the other VMs, cutting the member that left', async () => {
    const web = (...members: Vm[]) => group('sg-web', [tcp(22, members.map((m) => `${m.ipv4}/32`), { remoteGroupId: 'sg-clients' })]);
    await enforce(port(vm1, [ALLOW_OUT]), port(vm2, [ALLOW_OUT, web(vm1)]), port(vm3, [ALLOW_OUT]));
    expect(await vm1.connect(vm2.ipv4, 22)).toBe('connected');
    expect(await vm3.connect(vm2.ipv4, 22)).toBe('timeout');
    const ssh = await vm1.stream('tcp', vm2.ipv4, 22);
    await flowing(ssh);

    const applied = await enforce(port(vm1, [ALLOW_OUT]), port(vm2, [ALLOW_OUT, web(vm3)]), port(vm3, [ALLOW_OUT]));
    expect(applied).toMatchObject({ full: false, chainsWritten: 0, setsWritten: 1, touched: ['members4_sg-clients'] });
    // The stream, and the closed connections of vm1 to that port still tracked (TIME_WAIT).
    expect(applied.connectionsCut).toBeGreaterThanOrEqual(1);
    expect(await vm3.connect(vm2.ipv4, 22)).toBe('connected');
    expect(await vm1.connect(vm2.ipv4, 22)).toBe('timeout');
    expect(await stalled(ssh)).toBe(true);
    await ssh.stop(0);
  });

  it('renders a remote group sent once per state (remoteGroups, as the worker sends it) as one named set its rules refer to, and follows its membership', async () => {
    const web = group('sg-web', [tcp(22, [], { remoteGroupId: 'sg-clients' }), tcp(2222, [], { remoteGroupId: 'sg-clients' })]);
    const ports = [port(vm1, [ALLOW_OUT]), port(vm2, [ALLOW_OUT, web]), port(vm3, [ALLOW_OUT])];
    const withMembers = async (...members: Vm[]) => {
      const res = await agent.push(desired(++revision, ports, false, [{ groupId: 'sg-clients', ipv4: members.map((m) => `${m.ipv4}/32`), ipv6: [] }]));
      expect(res).toMatchObject({ status: 200, body: { appliedRevision: revision, changed: true } });
      return (await agent.state()).enforcement.lastApply;
    };
    await withMembers(vm1);
    expect(await vm1.connect(vm2.ipv4, 22)).toBe('connected');
    expect(await vm3.connect(vm2.ipv4, 22)).toBe('timeout');
    // One set in the table, named by both rules.
    const table = await lab.inHypervisor('nft', 'list', 'table', 'inet', lab.table);
    expect(table.match(/set members4_sg-clients \{/g)).toHaveLength(1);
    expect(table.match(/ip saddr @members4_sg-clients/g)?.length).toBeGreaterThanOrEqual(1);

    const applied = await withMembers(vm3);
    expect(applied).toMatchObject({ full: false, chainsWritten: 0, setsWritten: 1, touched: ['members4_sg-clients'] });
    expect(await vm3.connect(vm2.ipv4, 22)).toBe('connected');
    expect(await vm1.connect(vm2.ipv4, 22)).toBe('timeout');
  });

  it('answers 500 with nft\'s message when an apply fails, and leaves the previous ruleset in force', async () => {
    await enforce(port(vm1, [ALLOW_OUT]), port(vm2, [ALLOW_OUT, group('sg-doomed', [tcp(22, from(vm1))])]), port(vm3, [ALLOW_OUT]));
    const good = revision;
    // Someone hooks a chain of their own into the agent's table: the group's chain cannot be deleted now.
    await lab.inHypervisor('nft', 'add', 'chain', 'inet', lab.table, 'by_hand');
    await lab.inHypervisor('nft', 'add', 'rule', 'inet', lab.table, 'by_hand', 'jump', 'group_in_sg-doomed');

    const failed = await agent.push(desired(++revision, [port(vm1, [ALLOW_OUT]), port(vm2, [ALLOW_OUT]), port(vm3, [ALLOW_OUT])]));
    expect(failed.status).toBe(500);
    expect(failed.body.appliedRevision).toBe(good);
    expect(failed.body.error).toMatch(new RegExp(`^nft rejected the ruleset of revision ${revision}; the previous ruleset stays in force: .*(Device or resource busy|Resource busy)`, 's'));
    const state = await agent.state();
    expect(state.appliedRevision).toBe(good);
    expect(state.lastError).toMatchObject({ revision, message: failed.body.error });
    expect(await vm1.connect(vm2.ipv4, 22)).toBe('connected');

    // The worker retries: the agent replaces its table whole this time, the hand-made chain with it.
    const retried = await agent.push(desired(revision, [port(vm1, [ALLOW_OUT]), port(vm2, [ALLOW_OUT]), port(vm3, [ALLOW_OUT])]));
    expect(retried).toMatchObject({ status: 200, body: { appliedRevision: revision } });
    expect((await agent.state()).lastError).toBeNull();
    expect(await vm1.connect(vm2.ipv4, 22)).toBe('timeout');
    expect(await lab.inHypervisor('nft', 'list', 'table', 'inet', lab.table)).not.toContain('by_hand');
  });
});
