import { sampleState } from '../testing/states';
import { AgentMetrics, rulesetSize } from './agent-metrics';

describe('agent metrics', () => {
  it('count a ruleset by ports, distinct groups and their rules', () => {
    const state = sampleState();
    const groups = new Map(state.ports.flatMap((p) => p.groups.map((g) => [g.groupId, g.rules.length] as const)));
    expect(rulesetSize(state)).toEqual({ ports: state.ports.length, groups: groups.size, rules: [...groups.values()].reduce((a, b) => a + b, 0) });
    expect(rulesetSize(null)).toEqual({ ports: 0, groups: 0, rules: 0 });
  });

  it('show the driver\'s own counters and the state in force, each series labelled with the hypervisor', async () => {
    const metrics = new AgentMetrics('hv-7');
    metrics.attach({ appliedState: () => sampleState({ revision: 4 }), driverCounters: () => ({ driftChecks: 9, driftRepairs: 2, driftCheckFailures: 0, connectionsCut: 3 }) });
    metrics.applied('drift', 'ok', 0.02);
    metrics.pushed('applied');
    const text = await metrics.registry.metrics();
    const value = (name: string, labels: Record<string, string>) => {
      const wanted = Object.entries({ ...labels, hypervisor: 'hv-7' }).map(([k, v]) => `${k}="${v}"`);
      const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && wanted.every((w) => l.includes(w)));
      return line === undefined ? undefined : Number(line.split(' ').pop());
    };
    expect(value('sg_agent_applied_revision', {})).toBe(4);
    expect(value('sg_agent_drift_repairs_total', {})).toBe(2);
    expect(value('sg_agent_drift_checks_total', {})).toBe(9);
    expect(value('sg_agent_apply_duration_seconds_count', { reason: 'drift', outcome: 'ok' })).toBe(1);
    expect(value('sg_agent_pushes_total', { outcome: 'applied' })).toBe(1);
    expect(value('sg_agent_ruleset_size', { kind: 'rules' })).toBeGreaterThan(0);
    expect(value('process_cpu_seconds_total', {})).toBeGreaterThan(0);
  });
});
