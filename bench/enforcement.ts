import { cpus } from 'node:os';
import type { DesiredState, StatePort, StateRule } from '@sg/protocol';
import { namespacedRunner } from '../apps/agent/src/drivers/nftables/commands';
import { compileState } from '../apps/agent/src/drivers/nftables/compile';
import { canonicalListing } from '../apps/agent/src/drivers/nftables/listing';
import { fullTransaction, planTransaction, Transaction } from '../apps/agent/src/drivers/nftables/plan';
import type { Ruleset } from '../apps/agent/src/drivers/nftables/ruleset';
import { percentile } from './harness';

/**
 * `npm run bench:enforcement` (root): how long the nftables driver takes to compile a state and to
 * apply it with `nft -f`, in a network namespace of its own, for the figures in docs/enforcement.md:
 * 200 ports × 50 rules, one group changed on that state, and a remote list of 10,000 addresses as
 * one set against one rule per address. Medians of RUNS runs; every apply is a real transaction.
 */

const RUNS = 5;
const TABLE = 'sg_bench';
const OPTIONS = { table: TABLE, interfacePrefix: 'tap' };

function rule(id: string, fields: Partial<StateRule>): StateRule {
  return { id, direction: 'inbound', protocol: 'tcp', portRange: null, icmp: null, ipVersion: 'IPv4', remoteCidrs: ['0.0.0.0/0'], remoteGroupId: null, ...fields };
}

/** Port i with a group of its own: 25 inbound and 25 outbound rules, each its own port and remote network. */
function bigState(changedGroup = -1): DesiredState {
  const ports: StatePort[] = Array.from({ length: 200 }, (_, i) => {
    const rules = Array.from({ length: 50 }, (_, r) =>
      rule(`r${r}`, {
        direction: r < 25 ? 'inbound' : 'outbound',
        portRange: { from: 1000 + r + (i === changedGroup ? 1 : 0), to: 1000 + r + (i === changedGroup ? 1 : 0) },
        remoteCidrs: [`10.${100 + (r % 100)}.${i % 256}.0/24`],
      }),
    );
    return { instanceId: `i-${i}`, vpcId: 'vpc-1', ipv4: `10.${Math.floor(i / 250)}.${i % 250}.10`, ipv6: null, groups: [{ groupId: `sg-${i}`, name: `g${i}`, rules }] };
  });
  return { hypervisorId: 'bench', revision: 1, force: false, ports };
}

function interfaces(state: DesiredState): Map<string, string> {
  return new Map(state.ports.map((p, i) => [p.instanceId, `tap${i}`]));
}

/** One port whose only group names 10,000 hosts: the way the API sends a list remote (one rule per address). */
function listState(hosts: number, extra = 0): DesiredState {
  const rules = Array.from({ length: hosts + extra }, (_, h) => rule(`r${h}`, { portRange: { from: 22, to: 22 }, remoteCidrs: [`${100 + Math.floor(h / 65536)}.${Math.floor(h / 256) % 256}.${h % 256}.1/32`] }));
  return { hypervisorId: 'bench', revision: 1, force: false, ports: [{ instanceId: 'i-0', vpcId: 'v', ipv4: '10.0.0.10', ipv6: null, groups: [{ groupId: 'sg-list', name: 'list', rules }] }] };
}

/** The same list as one nft rule per address: what the sets replace. */
function perAddressRuleset(state: DesiredState): Ruleset {
  const compiled = compileState(state, interfaces(state), OPTIONS).ruleset;
  const chain = compiled.chains.get('group_in_sg-list')!;
  chain.rules = state.ports[0].groups[0].rules.map((r) => `ip saddr ${r.remoteCidrs[0].replace(/\/32$/, '')} tcp dport 22 accept`);
  return compiled;
}

async function main(): Promise<void> {
  const netns = `sgbench-${process.pid}`;
  const root = namespacedRunner(null);
  const created = await root(['ip', 'netns', 'add', netns]);
  if (created.code !== 0) throw new Error(`ip netns add ${netns}: ${created.stderr.trim()} (the benchmark needs root)`);
  const run = namespacedRunner(netns);
  const apply = async (t: Transaction) => {
    const started = performance.now();
    const result = await run(['nft', '-f', '-'], t.text);
    if (result.code !== 0) throw new Error(`nft failed: ${result.stderr.slice(0, 500)}`);
    return performance.now() - started;
  };
  const median = (xs: number[]) => percentile(xs, 50);
  const rows: string[][] = [];
  const row = (what: string, compileMs: number, applyMs: number, t: Transaction) =>
    rows.push([what, `${compileMs.toFixed(1)} ms`, `${applyMs.toFixed(1)} ms`, String(t.statements), `${(Buffer.byteLength(t.text) / 1024).toFixed(0)} KiB`]);

  try {
    console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, ${(await run(['nft', '--version'])).stdout.trim()}`);
    // 1. 200 ports × 50 rules, applied whole into an empty namespace.
    const big = bigState();
    const compileBig: number[] = [];
    const applyBig: number[] = [];
    let bigRuleset: Ruleset | undefined;
    let bigFull: Transaction | undefined;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      bigRuleset = compileState(big, interfaces(big), OPTIONS).ruleset;
      bigFull = fullTransaction(bigRuleset);
      compileBig.push(performance.now() - t0);
      applyBig.push(await apply(bigFull));
    }
    row('200 ports × 50 rules, whole table', median(compileBig), median(applyBig), bigFull!);

    // 2. One group changes on that state: the whole state compiled again, one chain rewritten.
    const compileOne: number[] = [];
    const applyOne: number[] = [];
    let one: Transaction | undefined;
    let changedGroup = -1;
    for (let i = 0; i < RUNS; i++) {
      changedGroup = i % 2 === 0 ? 17 : -1;
      const changed = bigState(changedGroup);
      const t0 = performance.now();
      const next = compileState(changed, interfaces(changed), OPTIONS).ruleset;
      one = planTransaction(bigRuleset!, next);
      compileOne.push(performance.now() - t0);
      applyOne.push(await apply(one));
      bigRuleset = next;
    }
    row('one group changed on that state', median(compileOne), median(applyOne), one!);
    const listTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const listed = await run(['nft', '-j', 'list', 'table', 'inet', TABLE]);
      canonicalListing(listed.stdout);
      listTimes.push(performance.now() - t0);
    }
    rows.push(['reading that table back (a drift check)', '', `${median(listTimes).toFixed(1)} ms`, '', '']);
    const unchanged = planTransaction(bigRuleset!, compileState(bigState(changedGroup), interfaces(big), OPTIONS).ruleset);
    rows.push(['the same state again', '', 'no nft call', String(unchanged.statements), '0 KiB']);

    // 3. A remote list of 10,000 addresses: one rule with an interval set, against 10,000 rules.
    const list = listState(10_000);
    for (const [what, build] of [
      ['10,000-address list as one set', () => compileState(list, interfaces(list), OPTIONS).ruleset],
      ['the same as 10,000 rules', () => perAddressRuleset(list)],
    ] as const) {
      const compileTimes: number[] = [];
      const applyTimes: number[] = [];
      let t: Transaction | undefined;
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        t = fullTransaction(build());
        compileTimes.push(performance.now() - t0);
        applyTimes.push(await apply(t));
      }
      row(what, median(compileTimes), median(applyTimes), t!);
    }
    // One address more on the list: the group's chain is rewritten, its anonymous set with it.
    const asSet = compileState(list, interfaces(list), OPTIONS).ruleset;
    await apply(fullTransaction(asSet));
    const grown = listState(10_000, 1);
    const t0 = performance.now();
    const addOne = planTransaction(asSet, compileState(grown, interfaces(grown), OPTIONS).ruleset);
    row('one address added to the 10,000 (set)', performance.now() - t0, await apply(addOne), addOne);
    // A remote group of 10,000 members: adding one is an element update of the shared set.
    const members = (n: number): DesiredState => {
      const hosts = Array.from({ length: n }, (_, h) => `${100 + Math.floor(h / 65536)}.${Math.floor(h / 256) % 256}.${h % 256}.1/32`);
      return { ...list, ports: [{ ...list.ports[0], groups: [{ groupId: 'sg-list', name: 'list', rules: [rule('r', { portRange: { from: 22, to: 22 }, remoteGroupId: 'sg-members', remoteCidrs: hosts })] }] }] };
    };
    const groupBefore = compileState(members(10_000), interfaces(list), OPTIONS).ruleset;
    await apply(fullTransaction(groupBefore));
    const t2 = performance.now();
    const addMember = planTransaction(groupBefore, compileState(members(10_001), interfaces(list), OPTIONS).ruleset);
    row('one member added to a 10,000-member remote group', performance.now() - t2, await apply(addMember), addMember);

    const header = ['', 'compile + plan', 'nft -f', 'statements', 'text'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
    console.log(`\nnftables driver, medians of ${RUNS} (single runs for the "added" rows), namespace ${netns}\n`);
    console.log(line(header));
    console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
    rows.forEach((r) => console.log(line(r)));
  } finally {
    await root(['ip', 'netns', 'delete', netns]);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
