import { eventually, groupOnTwoHypervisors, settled, startSystem, System } from '../../support/system';
import { spawnWorker, stopAllWorkers, WorkerProcess } from '../../support/worker-process';

interface Target {
  hypervisorId: string;
  status: string;
}
interface Operation {
  id: string;
  status: 'queued' | 'in-progress' | 'succeeded' | 'failed';
  targets: Target[];
}

const HYPERVISORS = ['hv-1', 'hv-2'];
const CHANGES = 30;
const CHANGES_WHILE_DEAD = 3;
// BullMQ hands a job that was active in a dead worker to another only once its lock has expired
// and a stalled check has seen it so (the processor's 10 s lock + 5 s check: about 15 s here,
// where BullMQ's defaults took a minute); then the syncs run, slowly on a busy 2-core machine.
const RECOVERY_TIMEOUT_MS = 90_000;

/**
 * The worker as a process of its own, killed with SIGKILL while it syncs: no shutdown hook runs,
 * its BullMQ lock is left behind, the relay's checkpoint is wherever it was. A new worker must
 * finish everything the API accepted.
 */
describe('the worker killed mid-propagation', () => {
  let sys: System;
  let worker: WorkerProcess;
  let groupId: string;

  beforeAll(async () => {
    // A push to the frozen agent below must still hang when the kill lands: with the default 2 s
    // timeout, a busy machine's slow polling could let its three attempts time out (the target
    // failed, not in progress) before the kill.
    sys = await startSystem({ agents: HYPERVISORS, worker: false, env: { AGENT_TIMEOUT_MS: '30000' } });
    worker = await spawnWorker(sys.env);
    const setup = await groupOnTwoHypervisors(sys.http, sys.operator, 'crash', 'web');
    groupId = setup.groupId;
  }, 120_000);

  afterAll(async () => {
    await stopAllWorkers();
    await sys?.close();
  });

  const operation = async (id: string): Promise<Operation> => (await sys.http.get<Operation>(`/v1/operations/${id}`)).body;
  const finished = (id: string, timeoutMs: number): Promise<Operation> => settled(sys.http, id, timeoutMs, 200);
  const addRule = async (port: number): Promise<string> => {
    const res = await sys.http.post(`/v1/security-groups/${groupId}/rules`, {
      rules: [{ direction: 'inbound', protocol: 'tcp', ports: String(port), ipVersion: 'IPv4', remote: ['198.51.100.0/24'] }],
    });
    expect(res.status).toBe(202);
    return res.body.operation.id;
  };

  it('the worker killed with SIGKILL mid-propagation and restarted: every operation reaches a final state and the agents converge', async () => {
    // A stream of changes; the kill lands while a sync of some of them runs and others wait.
    const accepted: string[] = [];
    const stream = (async () => {
      for (let i = 0; i < CHANGES; i++) accepted.push(await addRule(10_000 + i));
    })();
    // hv-1's agent hangs (SIGSTOP): the push the worker makes to it stays open, so the kill
    // below lands mid-sync for certain instead of in the few milliseconds a push takes.
    await eventually('a few changes accepted', async () => (accepted.length >= 3 ? true : undefined), 60_000, 20);
    const frozen = sys.agents.get('hv-1')!;
    process.kill(frozen.pid, 'SIGSTOP');
    // A push already in flight when the agent stopped may still have been answered (and its
    // target then succeed a moment later): a target counts as hanging when its change was accepted
    // after the stop (its push went to the stopped agent), or when it is still in progress a
    // second after it was first seen so.
    const acceptedBeforeStop = accepted.length;
    const firstSeen = new Map<string, number>();
    try {
      // A sync of hv-1 under way: it cannot finish while the agent hangs (and its attempts last
      // AGENT_TIMEOUT_MS each), so it is still under way when the kill lands a moment later.
      await eventually('a sync of hv-1 in progress with changes still queued', async () => {
        const ops = await Promise.all(accepted.slice().map(operation));
        const now = Date.now();
        const syncing = ops.some((op, i) => {
          if (!op.targets.some((t) => t.hypervisorId === 'hv-1' && t.status === 'in-progress')) return false;
          if (!firstSeen.has(op.id)) firstSeen.set(op.id, now);
          return i >= acceptedBeforeStop || now - firstSeen.get(op.id)! >= 1000;
        });
        return syncing && ops.some((op) => op.status === 'queued') ? true : undefined;
      }, 60_000, 20);
      const exit = await worker.kill('SIGKILL');
      expect(exit.signal).toBe('SIGKILL');
    } finally {
      process.kill(frozen.pid, 'SIGCONT');
    }

    // Nobody works on them now, but the API still accepts changes (it writes only to Postgres).
    await stream;
    for (let i = 0; i < CHANGES_WHILE_DEAD; i++) accepted.push(await addRule(20_000 + i));
    expect(accepted).toHaveLength(CHANGES + CHANGES_WHILE_DEAD);
    const dead = await Promise.all(accepted.map(operation));
    // The kill did land mid-sync: a target the dead worker started and never finished (its job
    // still active in Redis, under a lock nobody renews), and changes it never got to.
    expect(dead.filter((op) => op.targets.some((t) => t.status === 'in-progress')).length).toBeGreaterThan(0);
    expect(dead.filter((op) => op.status === 'queued').length).toBeGreaterThan(CHANGES_WHILE_DEAD);

    worker = await spawnWorker(sys.env);
    const final = await Promise.all(accepted.map((id) => finished(id, RECOVERY_TIMEOUT_MS))).catch((error: Error) => {
      throw new Error(`${error.message}\nThe new worker's output:\n${worker.output()}`);
    });
    const notSucceeded = final.filter((op) => op.status !== 'succeeded');
    expect(notSucceeded).toEqual([]);
    for (const op of final) expect(op.targets.map((t) => `${t.hypervisorId}:${t.status}`).sort()).toEqual(['hv-1:succeeded', 'hv-2:succeeded']);

    // Both agents enforce exactly the group's rules: each accepted change, nothing else.
    const group = (await sys.http.get(`/v1/security-groups/${groupId}`)).body;
    const expected = [...group.inboundRules, ...group.outboundRules].map((r: { id: string }) => r.id).sort();
    const ports = group.inboundRules.map((r: { portRange: { from: number } }) => r.portRange.from).sort((a: number, b: number) => a - b);
    expect(ports).toEqual([...Array.from({ length: CHANGES }, (_, i) => 10_000 + i), ...Array.from({ length: CHANGES_WHILE_DEAD }, (_, i) => 20_000 + i)]);
    for (const hv of HYPERVISORS) {
      const state = await sys.agents.get(hv)!.state();
      const enforced = state.ports.flatMap((p) => p.groups.filter((g) => g.groupId === groupId).flatMap((g) => g.rules.map((r) => r.id)));
      expect({ hv, rules: enforced.sort() }).toEqual({ hv, rules: expected });
    }
    const hypervisors = await eventually('applied = desired on every hypervisor', async () => {
      const list = (await sys.operator.get('/v1/hypervisors')).body as { id: string; desiredRevision: number; appliedRevision: number }[];
      return list.every((h) => h.appliedRevision === h.desiredRevision) ? list : undefined;
    }, 30_000, 200);
    expect(hypervisors.map((h) => h.id).sort()).toEqual(HYPERVISORS);
  }, RECOVERY_TIMEOUT_MS + 120_000);
});
