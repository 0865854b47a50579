import { setTimeout as sleep } from 'node:timers/promises';
import { ALLOW_OUT, desired, group, LabAgent, NetLab, port, startNetLab, tcp, until, Vm } from './support/netlab';

/** The agent over time: hand-made drift, restarts, ports whose route comes later. */

let lab: NetLab;
let vm1: Vm, vm2: Vm, vm3: Vm;
const CHECK_OFTEN = { AGENT_DRIFT_INTERVAL_MS: '200' };

beforeAll(async () => {
  lab = await startNetLab();
  [vm1, vm2, vm3] = lab.vms;
  for (const vm of lab.vms) await vm.listen('tcp', 22);
});

afterAll(async () => {
  await lab?.destroy();
});

const from = (vm: Vm) => [`${vm.ipv4}/32`];
const sshFrom = (vm: Vm) => [port(vm1, [ALLOW_OUT]), port(vm2, [ALLOW_OUT, group('sg-ssh', [tcp(22, from(vm))])]), port(vm3, [ALLOW_OUT])];

async function ruleHandles(chain: string): Promise<number[]> {
  const listed = JSON.parse(await lab.inHypervisor('nft', '-j', '-a', 'list', 'chain', 'inet', lab.table, chain));
  return listed.nftables.filter((o: any) => 'rule' in o).map((o: any) => o.rule.handle);
}

describe('the agent over time', () => {
  let agent: LabAgent;
  afterEach(async () => {
    await agent?.close();
  });

  it('restores a rule deleted by hand with nft, and logs and counts the repair', async () => {
    agent = await lab.startAgent(CHECK_OFTEN);
    expect((await agent.push(desired(1, sshFrom(vm1)))).status).toBe(200);
    expect(await vm1.connect(vm2.ipv4, 22)).toBe('connected');
    const [handle] = await ruleHandles('group_in_sg-ssh');
    await lab.inHypervisor('nft', 'delete', 'rule', 'inet', lab.table, 'group_in_sg-ssh', 'handle', String(handle));

    await until('the drift to be repaired', async () => (await agent.state()).enforcement.drift.repairs >= 1);
    expect(await vm1.connect(vm2.ipv4, 22)).toBe('connected');
    expect(await ruleHandles('group_in_sg-ssh')).toHaveLength(1);
    const { drift, lastApply } = (await agent.state()).enforcement;
    expect(drift.lastDifference).toEqual(['chain group_in_sg-ssh']);
    expect(lastApply).toMatchObject({ revision: 1, reason: 'drift', full: true });
    expect(agent.logs.some((line) => /^warn drift: .*chain group_in_sg-ssh.*replacing it/.test(line))).toBe(true);
    // Checks go on without finding anything more.
    const checks = drift.checks;
    await until('more checks', async () => (await agent.state()).enforcement.drift.checks > checks + 2);
    expect((await agent.state()).enforcement.drift.repairs).toBe(1);
    // Prometheus sees the same: the repair, the checks, and how long the repair's apply took.
    const metrics = await (await fetch(`${agent.agent.url}/metrics`)).text();
    expect(metrics).toMatch(/^sg_agent_drift_repairs_total\{hypervisor="lab-hv"\} 1$/m);
    expect(Number(/^sg_agent_drift_checks_total\{hypervisor="lab-hv"\} (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThan(checks);
    expect(metrics).toMatch(/^sg_agent_apply_duration_seconds_count\{hypervisor="lab-hv",reason="drift",outcome="ok"\} 1$/m);
    expect(metrics).toMatch(/^sg_agent_apply_duration_seconds_count\{hypervisor="lab-hv",reason="push",outcome="ok"\} 1$/m);
    // Three ports; sg-default (two rules) and sg-ssh (one).
    expect(metrics).toMatch(/^sg_agent_ruleset_size\{kind="ports",hypervisor="lab-hv"\} 3$/m);
    expect(metrics).toMatch(/^sg_agent_ruleset_size\{kind="rules",hypervisor="lab-hv"\} 3$/m);
  });

  it('keeps the rules in the kernel in force while the agent is down and after it restarts, until the resync replaces them', async () => {
    agent = await lab.startAgent();
    expect((await agent.push(desired(7, sshFrom(vm1)))).status).toBe(200);
    const established = await vm1.stream('tcp', vm2.ipv4, 22);
    await agent.close();

    // Down: neither open nor closed, the last ruleset as it was.
    expect(await vm1.connect(vm2.ipv4, 22)).toBe('connected');
    expect(await vm3.connect(vm2.ipv4, 22)).toBe('timeout');

    agent = await lab.startAgent();
    const restarted = await agent.state();
    expect(restarted.appliedRevision).toBe(0);
    expect(agent.logs).toContain(`info table inet ${lab.table} in network namespace ${lab.topology.hypervisor} stays in force until the first state replaces it`);
    expect(await vm1.connect(vm2.ipv4, 22)).toBe('connected');
    expect(await vm3.connect(vm2.ipv4, 22)).toBe('timeout');
    const { received } = await established.stats();
    await until('the connection opened before the restart to go on', async () => (await established.stats()).received > received);

    // The resync: the table is replaced, and what the new state no longer allows is cut, the old connection too.
    const resync = await agent.push(desired(8, sshFrom(vm3), true));
    expect(resync).toMatchObject({ status: 200, body: { appliedRevision: 8 } });
    expect((await agent.state()).enforcement.lastApply).toMatchObject({ full: true, reason: 'push' });
    expect(await vm3.connect(vm2.ipv4, 22)).toBe('connected');
    expect(await vm1.connect(vm2.ipv4, 22)).toBe('timeout');
    await sleep(500);
    const before = (await established.stats()).received;
    await sleep(1_500);
    expect((await established.stats()).received).toBe(before);
    await established.stop(0);
  });

  it('reports a port whose address has no route and enforces the others; once its VM is plugged in, it is enforced too', async () => {
    agent = await lab.startAgent(CHECK_OFTEN);
    // An instance on this hypervisor whose VM is not plugged in yet: 10.77.0.14 has no route.
    const late = { instanceId: 'i-late', vpcId: 'vpc-lab', ipv4: '10.77.0.14', ipv6: 'fd77::14', groups: [ALLOW_OUT, group('sg-ssh', [tcp(22, from(vm1))])] };
    const res = await agent.push(desired(20, [...sshFrom(vm1), late]));
    expect(res.status).toBe(200);
    expect(res.body.warnings).toEqual(['port i-late is not enforced: no host route to 10.77.0.14 and fd77::14 on this hypervisor']);
    const state = await agent.state();
    expect(state.appliedRevision).toBe(20);
    expect(state.lastError).toMatchObject({ revision: 20, message: expect.stringContaining('i-late: no host route to 10.77.0.14 and fd77::14 on this hypervisor') });
    expect(state.enforcement.unenforced).toEqual([{ instanceId: 'i-late', reason: 'no host route to 10.77.0.14 and fd77::14 on this hypervisor' }]);
    expect(await vm1.connect(vm2.ipv4, 22)).toBe('connected');
    expect(await vm3.connect(vm2.ipv4, 22)).toBe('timeout');

    const vm4 = await lab.addVm();
    await vm4.listen('tcp', 22);
    await until('the new port to be enforced', async () => (await agent.state()).lastError === null);
    const after = await agent.state();
    expect(after.enforcement).toMatchObject({ unenforced: [], lastApply: { revision: 20, reason: 'interfaces' } });
    expect(after.enforcement.interfaces['i-late']).toBe(vm4.tap);
    expect(await vm1.connect(vm4.ipv4, 22)).toBe('connected');
    expect(await vm3.connect(vm4.ipv4, 22)).toBe('timeout');
  });
});
