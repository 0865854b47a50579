import { AgentProcess, spawnAgent } from '../support/agent-process';
import { KEYS } from '../support/api';
import { eventually, settled, startSystem, System } from '../support/system';
import { NetLab, startNetLab, Vm } from './support/netlab';

/**
 * End to end: a rule added through the API goes API → event store → worker → the lab's agent
 * (a separate process with the nftables driver programming the hypervisor namespace), and opens
 * TCP 22 between two VM namespaces; deleting it closes the port again.
 */

let lab: NetLab;
let sys: System;
let agent: AgentProcess;
let vm1: Vm, vm2: Vm, vm3: Vm;

beforeAll(async () => {
  lab = await startNetLab();
  [vm1, vm2, vm3] = lab.vms;
  for (const vm of lab.vms) await vm.listen('tcp', 22);
  sys = await startSystem({ agents: [] });
  agent = await spawnAgent({
    id: 'lab-hv',
    apiUrl: sys.api.url,
    apiKey: KEYS.operator,
    driver: 'nftables',
    env: { AGENT_NETNS: lab.topology.hypervisor, AGENT_NFT_TABLE: lab.table },
  });
});

afterAll(async () => {
  await sys?.close();
  await lab?.destroy();
});

async function succeeded(res: { status: number; body: any }): Promise<void> {
  expect(res.status).toBeLessThan(300);
  const op = await settled(sys.http, res.body.operation.id, 30_000);
  expect({ status: op.status, message: op.message }).toMatchObject({ status: 'succeeded' });
}

describe('through the API to real packets', () => {
  it('opens TCP 22 from one VM to another with a rule added through the API, and closes it when the rule is deleted', async () => {
    await eventually('the lab agent to register', async () => ((await sys.operator.get('/v1/hypervisors/lab-hv')).status === 200 ? true : undefined));
    const vpc = await sys.http.post('/v1/vpcs', { name: 'lab', cidr: '10.77.0.0/16' });
    expect(vpc.status).toBe(201);
    const instances: string[] = [];
    for (const vm of lab.vms) {
      const res = await sys.http.post('/v1/instances', { name: vm.namespace.replace(/^.*-/, ''), vpcId: vpc.body.id, hypervisorId: 'lab-hv', ipv4: vm.ipv4 });
      await succeeded(res);
      instances.push(res.body.id);
    }
    // The default group lets everything out and nothing in.
    expect(await vm1.connect(vm2.ipv4, 22)).toBe('timeout');

    const group = await sys.http.post('/v1/security-groups', { vpcId: vpc.body.id, name: 'ssh-from-vm1', rules: [], applyTo: { instanceIds: [instances[1]] } });
    await succeeded(group);
    const added = await sys.http.post(`/v1/security-groups/${group.body.id}/rules`, { rules: [{ direction: 'inbound', preset: 'SSH', remote: `${vm1.ipv4}/32` }] });
    await succeeded(added);
    expect(await vm1.connect(vm2.ipv4, 22)).toBe('connected');
    expect(await vm3.connect(vm2.ipv4, 22)).toBe('timeout');
    expect(await vm2.connect(vm1.ipv4, 22)).toBe('timeout');
    const enforced = await agent.state();
    expect(enforced.appliedRevision).toBeGreaterThan(0);
    expect((enforced as any).enforcement.interfaces).toEqual({ [instances[0]]: 'tap1', [instances[1]]: 'tap2', [instances[2]]: 'tap3' });

    const ruleId = added.body.inboundRules.find((r: { remote: unknown }) => JSON.stringify(r.remote).includes(vm1.ipv4)).id;
    await succeeded(await sys.http.delete(`/v1/security-groups/${group.body.id}/rules/${ruleId}`));
    expect(await vm1.connect(vm2.ipv4, 22)).toBe('timeout');
  });
});
