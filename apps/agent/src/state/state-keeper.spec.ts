import { EMPTY_STATE_HASH, stateHash } from '@sg/protocol';
import { ScriptedDriver } from '../testing/scripted.driver';
import { samplePort, sampleState } from '../testing/states';
import { StateKeeper } from './state-keeper';

const HASH = expect.stringMatching(/^[0-9a-f]{64}$/);

describe('StateKeeper', () => {
  let driver: ScriptedDriver;
  let keeper: StateKeeper;

  beforeEach(() => {
    driver = new ScriptedDriver();
    keeper = new StateKeeper('hv-1', driver, () => new Date('2026-11-27T10:00:00.000Z'));
  });

  it('starts empty: revision 0, no port, nothing applied', () => {
    expect(keeper.snapshot()).toEqual({
      hypervisorId: 'hv-1',
      appliedRevision: 0,
      appliedHash: EMPTY_STATE_HASH,
      driver: 'memory',
      ports: [],
      remoteGroups: [],
      appliedAt: null,
      pushes: 0,
      lastError: null,
      enforcement: null,
    });
  });

  it('applies a newer revision and keeps its ports', async () => {
    const state = sampleState({ revision: 3 });
    expect(await keeper.push(state)).toEqual({ status: 'applied', appliedRevision: 3, appliedHash: HASH, warnings: [] });
    expect(keeper.snapshot()).toMatchObject({ appliedRevision: 3, ports: state.ports, appliedAt: '2026-11-27T10:00:00.000Z' });
  });

  it('answers with the hash of the ports in force, the same after a push that changes nothing', async () => {
    const state = sampleState({ revision: 3 });
    const applied = await keeper.push(state);
    expect(applied).toMatchObject({ status: 'applied', appliedHash: stateHash(state.ports) });
    expect(stateHash(state.ports)).not.toBe(EMPTY_STATE_HASH);
    expect(await keeper.push(sampleState({ revision: 2, ports: [] }))).toEqual({ status: 'unchanged', appliedRevision: 3, appliedHash: stateHash(state.ports) });
    expect(keeper.snapshot().appliedHash).toBe(stateHash(state.ports));
    // A forced push of the same revision with other ports changes the hash, not the revision.
    await keeper.push(sampleState({ revision: 3, force: true, ports: [] }));
    expect(keeper.snapshot()).toMatchObject({ appliedRevision: 3, appliedHash: EMPTY_STATE_HASH });
  });

  it('is idempotent by revision: the same revision again changes nothing', async () => {
    await keeper.push(sampleState({ revision: 3 }));
    expect(await keeper.push(sampleState({ revision: 3, ports: [] }))).toEqual({ status: 'unchanged', appliedRevision: 3, appliedHash: HASH });
    expect(driver.applied).toEqual([3]);
    expect(keeper.snapshot().ports).toHaveLength(1);
  });

  it('answers a stale push with the applied revision and never rolls back', async () => {
    await keeper.push(sampleState({ revision: 5 }));
    expect(await keeper.push(sampleState({ revision: 4, ports: [] }))).toEqual({ status: 'unchanged', appliedRevision: 5, appliedHash: HASH });
    expect(keeper.snapshot()).toMatchObject({ appliedRevision: 5, ports: [samplePort()] });
  });

  it('re-applies the same revision when forced, but not an older one', async () => {
    await keeper.push(sampleState({ revision: 5 }));
    const resync = sampleState({ revision: 5, force: true, ports: [samplePort('i-0002', '10.0.1.6')] });
    expect(await keeper.push(resync)).toEqual({ status: 'applied', appliedRevision: 5, appliedHash: HASH, warnings: [] });
    expect(keeper.snapshot().ports[0].instanceId).toBe('i-0002');
    expect(await keeper.push(sampleState({ revision: 4, force: true }))).toEqual({ status: 'unchanged', appliedRevision: 5, appliedHash: HASH });
    expect(driver.applied).toEqual([5, 5]);
  });

  it('refuses a state for another hypervisor without touching the driver', async () => {
    expect(await keeper.push(sampleState({ hypervisorId: 'hv-2' }))).toEqual({ status: 'wrong-hypervisor', hypervisorId: 'hv-1' });
    expect(driver.applied).toEqual([]);
  });

  it('keeps the previous state when the driver fails, and answers with the old revision', async () => {
    await keeper.push(sampleState({ revision: 1 }));
    driver.failNext('nft: syntax error in line 3');
    expect(await keeper.push(sampleState({ revision: 2, ports: [] }))).toEqual({
      status: 'failed',
      appliedRevision: 1,
      appliedHash: stateHash(sampleState({ revision: 1 }).ports),
      error: 'nft: syntax error in line 3',
    });
    expect(keeper.snapshot()).toMatchObject({
      appliedRevision: 1,
      ports: [samplePort()],
      lastError: { revision: 2, message: 'nft: syntax error in line 3' },
    });
    expect(driver.describe().revision).toBe(1);
    // The worker's retry of the same revision then goes through, and clears the error.
    expect(await keeper.push(sampleState({ revision: 2, ports: [] }))).toEqual({ status: 'applied', appliedRevision: 2, appliedHash: HASH, warnings: [] });
    expect(keeper.snapshot().lastError).toBeNull();
  });

  it('applies one push at a time, in arrival order, each judged against the revision in force', async () => {
    driver.delayMs = 5;
    const revisions = [2, 1, 4, 3, 4, 6, 5];
    const outcomes = await Promise.all(revisions.map((revision) => keeper.push(sampleState({ revision }))));
    expect(driver.maxConcurrent).toBe(1);
    expect(driver.applied).toEqual([2, 4, 6]);
    expect(outcomes.map((o) => o.status)).toEqual(['applied', 'unchanged', 'applied', 'unchanged', 'unchanged', 'applied', 'unchanged']);
    expect(outcomes.map((o) => ('appliedRevision' in o ? o.appliedRevision : null))).toEqual([2, 2, 4, 4, 4, 6, 6]);
    expect(keeper.appliedRevision).toBe(6);
  });

  it('goes on after a failed apply in the queue', async () => {
    driver.failNext('boom');
    const [a, b] = await Promise.all([keeper.push(sampleState({ revision: 1 })), keeper.push(sampleState({ revision: 2 }))]);
    expect(a.status).toBe('failed');
    expect(b).toEqual({ status: 'applied', appliedRevision: 2, appliedHash: HASH, warnings: [] });
  });

  it('counts pushes', () => {
    keeper.countPush();
    keeper.countPush();
    expect(keeper.snapshot().pushes).toBe(2);
  });

  it("passes on what the driver could not enforce: in the answer, and as lastError until an apply fails", async () => {
    const problem = { revision: 3, message: '1 port(s) not enforced', at: '2026-11-27T09:00:00.000Z' };
    const reporting = new (class extends ScriptedDriver {
      override async apply(state: Parameters<ScriptedDriver['apply']>[0]) {
        await super.apply(state);
        return { warnings: ['port i-0002 is not enforced: no host route to 10.0.1.6 on this hypervisor'] };
      }
      problem() {
        return problem;
      }
      status() {
        return { table: 'inet sg_agent' };
      }
    })();
    const k = new StateKeeper('hv-1', reporting, () => new Date('2026-11-27T10:00:00.000Z'));
    expect(await k.push(sampleState({ revision: 3 }))).toEqual({ status: 'applied', appliedRevision: 3, appliedHash: HASH, warnings: ['port i-0002 is not enforced: no host route to 10.0.1.6 on this hypervisor'] });
    expect(k.snapshot()).toMatchObject({ appliedRevision: 3, lastError: problem, enforcement: { table: 'inet sg_agent' } });
    reporting.failNext('nft said no');
    await k.push(sampleState({ revision: 4 }));
    expect(k.snapshot().lastError).toEqual({ revision: 4, message: 'nft said no', at: '2026-11-27T10:00:00.000Z' });
  });
});
