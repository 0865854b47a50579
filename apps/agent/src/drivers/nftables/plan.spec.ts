import type { DesiredState, StatePort, StateRule } from '@sg/protocol';
import { compileState } from './compile';
import { planTransaction } from './plan';
import type { Ruleset } from './ruleset';

const OPTIONS = { table: 'sg_agent', interfacePrefix: 'tap' };

function rule(id: string, fields: Partial<StateRule> = {}): StateRule {
  return { id, direction: 'inbound', protocol: 'tcp', portRange: { from: 22, to: 22 }, icmp: null, ipVersion: 'IPv4', remoteCidrs: ['0.0.0.0/0'], remoteGroupId: null, ...fields };
}
const members = (...hosts: string[]) => rule('from-db', { remoteGroupId: 'sg-db', remoteCidrs: hosts });
const port = (n: number, groups: StatePort['groups']): StatePort => ({ instanceId: `i-${n}`, vpcId: 'vpc-1', ipv4: `10.0.0.${n}`, ipv6: null, groups });

function compiled(ports: StatePort[]): Ruleset {
  const state: DesiredState = { hypervisorId: 'hv-1', revision: 1, force: false, ports };
  return compileState(state, new Map(ports.map((p) => [p.instanceId, `tap${p.instanceId.slice(2)}`])), OPTIONS).ruleset;
}

const base = () => [
  port(1, [{ groupId: 'sg-web', name: 'web', rules: [rule('ssh'), members('10.0.0.1/32')] }]),
  port(2, [{ groupId: 'sg-web', name: 'web', rules: [rule('ssh'), members('10.0.0.1/32')] }, { groupId: 'sg-db', name: 'db', rules: [] }]),
];

describe('planTransaction', () => {
  it('replaces the table whole when there is nothing to compare with, declared first so that the delete cannot fail', () => {
    const t = planTransaction(null, compiled(base()));
    const lines = t.text.trim().split('\n');
    expect(lines.slice(0, 3)).toEqual(['add table inet sg_agent', 'delete table inet sg_agent', 'add table inet sg_agent']);
    expect(t.full).toBe(true);
    // Every chain exists before a map element or a rule names it.
    const firstElement = lines.findIndex((l) => l.startsWith('add element'));
    const lastChain = lines.map((l) => l.startsWith('add chain')).lastIndexOf(true);
    expect(lastChain).toBeLessThan(firstElement);
    expect(lines).toContain('add chain inet sg_agent forward_from_vm { type filter hook forward priority -1; policy accept; }');
  });

  it('is empty when nothing changed', () => {
    expect(planTransaction(compiled(base()), compiled(base()))).toMatchObject({ text: '', statements: 0, full: false });
  });

  it('rewrites the one chain of the group whose rules changed, and nothing else', () => {
    const next = base();
    for (const p of next) p.groups[0].rules = [rule('ssh'), rule('https', { portRange: { from: 443, to: 443 } }), members('10.0.0.1/32')];
    const t = planTransaction(compiled(base()), compiled(next));
    expect(t.chainsWritten).toEqual(['group_in_sg-web']);
    expect(t.setsWritten).toEqual([]);
    expect(t.text).toBe(
      [
        'flush chain inet sg_agent group_in_sg-web',
        'add rule inet sg_agent group_in_sg-web meta nfproto ipv4 tcp dport 22 accept',
        'add rule inet sg_agent group_in_sg-web ip saddr @members4_sg-db tcp dport 22 accept',
        'add rule inet sg_agent group_in_sg-web meta nfproto ipv4 tcp dport 443 accept',
        '',
      ].join('\n'),
    );
  });

  it('turns a membership change into an element update of the shared set (what changed, not the whole set), with no chain rewritten', () => {
    const next = base();
    for (const p of next) p.groups[0].rules = [rule('ssh'), members('10.0.0.1/32', '10.0.0.2/32')];
    const t = planTransaction(compiled(base()), compiled(next));
    expect(t.chainsWritten).toEqual([]);
    expect(t.text).toBe('add element inet sg_agent members4_sg-db { 10.0.0.2 }\n');
    const left = planTransaction(compiled(next), compiled(base()));
    expect(left.text).toBe('delete element inet sg_agent members4_sg-db { 10.0.0.2 }\n');
  });

  it('removes a port: its map and set elements first, then its chains (emptied, then deleted), then what only it used', () => {
    const t = planTransaction(compiled(base()), compiled(base().slice(0, 1)));
    const lines = t.text.trim().split('\n');
    expect(lines.filter((l) => /^delete (chain|set|map) /.test(l))).toEqual([
      'delete chain inet sg_agent port_out_i-2',
      'delete chain inet sg_agent port_in_i-2',
      'delete chain inet sg_agent group_in_sg-db',
      'delete chain inet sg_agent group_out_sg-db',
    ]);
    const mapUpdate = lines.indexOf('delete element inet sg_agent from_port { "tap2" }');
    expect(mapUpdate).toBeGreaterThanOrEqual(0);
    expect(mapUpdate).toBeLessThan(lines.indexOf('flush chain inet sg_agent port_out_i-2'));
    expect(lines).toContain('delete element inet sg_agent vm_sources4 { "tap2" . 10.0.0.2 }');
    expect(lines.indexOf('flush chain inet sg_agent group_in_sg-db')).toBeLessThan(lines.indexOf('delete chain inet sg_agent port_out_i-2'));
  });

  it('deletes a set no rule names any more, after the chains that named it were rewritten', () => {
    const next = base();
    for (const p of next) p.groups[0].rules = [rule('ssh')];
    const lines = planTransaction(compiled(base()), compiled(next)).text.trim().split('\n');
    expect(lines[lines.length - 1]).toBe('delete set inet sg_agent members4_sg-db');
    expect(lines.indexOf('flush chain inet sg_agent group_in_sg-web')).toBeLessThan(lines.length - 1);
  });

  it('replaces the table whole when its skeleton changes (another interface prefix)', () => {
    const before = compiled(base());
    const after = compileState({ hypervisorId: 'hv-1', revision: 2, force: false, ports: base() }, new Map([['i-1', 'tap1'], ['i-2', 'tap2']]), { ...OPTIONS, interfacePrefix: 'vnet' }).ruleset;
    expect(planTransaction(before, after).full).toBe(true);
  });
});
