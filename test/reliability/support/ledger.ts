import type { DataSource } from 'typeorm';
import { READ_MODEL_TABLES } from '../../../libs/infra/src/projections';
import { rebuildProjections } from '../../../libs/infra/src/projections/rebuild';
import type { AgentProcess } from '../../support/agent-process';
import type { Client } from '../../support/api';
import { eventually, settled } from '../../support/system';
import type { Change, ChangeLoad } from './change-load';
import { FIRST_LOAD_PORT } from './change-load';

export interface Ledger {
  /** Accepted changes whose event, read-model row or enforcement on an agent is missing (or, for a removal, still there). */
  lost: string[];
  /** Accepted changes recorded, held or finished more than once. */
  twice: string[];
  /** Accepted changes whose operation did not end `succeeded`. */
  notSucceeded: string[];
  /** Operations that ended failed first (an agent down) and then succeeded on their own once it converged. */
  recovered: number;
  /** The read models, compared with what replaying every event gives (tables that differ). */
  readModelsDifferFromReplay: string[];
  events: number;
}

interface LoadRule {
  id: string;
  portRange: { from: number } | null;
}

const isLoadRule = (r: LoadRule) => (r.portRange?.from ?? 0) >= FIRST_LOAD_PORT;

/**
 * What happened to every change the API accepted, read three ways: the events, the read models
 * (through the API) and what each agent enforces. Waits for the operations to finish and the
 * agents to converge first (up to `timeoutMs`); whatever is still missing then is lost.
 */
export async function reconcileLedger(options: { dataSource: DataSource; http: Client; agents: AgentProcess[]; load: ChangeLoad; timeoutMs?: number }): Promise<Ledger> {
  const { dataSource, http, agents, load } = options;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const deadline = Date.now() + timeoutMs;
  const groupIds = [...new Set(load.accepted.map((c) => c.groupId))];
  const expected = expectedRules(load.accepted);

  // The operations first: every accepted change has one, and it must end.
  const finalStatus = new Map<string, string>();
  const operations = load.accepted.map((c) => c.operationId);
  for (let i = 0; i < operations.length; i += 25) {
    const batch = await Promise.all(
      operations.slice(i, i + 25).map((id) => settled(http, id, Math.max(1_000, deadline - Date.now()), 250).catch((error: Error) => ({ id, status: `unfinished (${error.message})` }))),
    );
    for (const op of batch) finalStatus.set(op.id, op.status);
  }

  // Then the agents: each port holding a group holds exactly its expected load rules, once each.
  const agentView = async () => {
    const held = new Map<string, string[]>();
    for (const agent of agents) {
      const state = await agent.state();
      for (const port of state.ports) {
        for (const group of port.groups) {
          if (!expected.has(group.groupId)) continue;
          held.set(`${agent.id}/${port.instanceId}/${group.groupId}`, group.rules.filter(isLoadRule).map((r) => r.id));
        }
      }
    }
    return held;
  };
  const converged = (held: Map<string, string[]>) =>
    groupIds.every((g) => [...held].some(([k]) => k.endsWith(`/${g}`))) &&
    [...held].every(([k, ids]) => sameSet(ids, expected.get(k.split('/')[2])!));
  let held = await agentView();
  await eventually('the agents to hold every accepted change', async () => ((held = await agentView()), converged(held) ? true : undefined), Math.max(1_000, deadline - Date.now()), 500).catch(() => undefined);

  // An operation that failed while its agent was down succeeds on its own once the agent has
  // converged (operation.target.converged): a failed one gets until the deadline to do so.
  const notSucceeded: string[] = [];
  let recovered = 0;
  for (const [id, status] of finalStatus) {
    if (status === 'succeeded') continue;
    const now = await eventually(`operation ${id} to succeed`, async () => ((await http.get(`/v1/operations/${id}`)).body.status === 'succeeded' ? 'succeeded' : undefined), Math.max(1_000, deadline - Date.now()), 500)
      .catch(async () => String((await http.get(`/v1/operations/${id}`)).body.status));
    if (now === 'succeeded') recovered++;
    else notSucceeded.push(`${id}: ${now}`);
  }

  // The events of the groups.
  const rows: { type: string; data: { rules?: LoadRule[]; ruleIds?: string[] } }[] = await dataSource.query(
    `SELECT type, data FROM events WHERE stream_id = ANY($1) AND type IN ('security-group.rules.added', 'security-group.rules.removed')`,
    [groupIds],
  );
  const addedById = new Map<string, number>();
  const addedByPort = new Map<number, number>();
  const removedById = new Map<string, number>();
  for (const row of rows) {
    for (const rule of row.data.rules ?? []) {
      if (!isLoadRule(rule)) continue;
      bump(addedById, rule.id);
      bump(addedByPort, rule.portRange!.from);
    }
    for (const id of row.data.ruleIds ?? []) bump(removedById, id);
  }
  // An operation may fail (its agent down) and later succeed once the agent converged; it may not succeed twice.
  const succeededRows: { stream_id: string; n: number }[] = await dataSource.query(
    `SELECT stream_id, count(*)::int AS n FROM events WHERE stream_id = ANY($1) AND type = 'operation.succeeded' GROUP BY stream_id`,
    [operations],
  );
  const succeededOf = new Map(succeededRows.map((t) => [t.stream_id, t.n]));

  // The read models, through the API.
  const readModel = new Map<string, string[]>();
  for (const g of groupIds) {
    const group = (await http.get(`/v1/security-groups/${g}`)).body;
    readModel.set(g, [...group.inboundRules, ...group.outboundRules].filter(isLoadRule).map((r: LoadRule) => r.id));
  }

  const lost: string[] = [];
  const twice: string[] = [];
  for (const c of load.accepted) {
    const shouldHold = expected.get(c.groupId)!.includes(c.ruleId);
    const where: string[] = [];
    if (c.kind === 'add' && !addedById.has(c.ruleId)) where.push('no rules.added event');
    if (c.kind === 'remove' && !removedById.has(c.ruleId)) where.push('no rules.removed event');
    if (readModel.get(c.groupId)!.includes(c.ruleId) !== shouldHold) where.push(`read model ${shouldHold ? 'lacks' : 'still holds'} it`);
    for (const [k, ids] of held) if (k.endsWith(`/${c.groupId}`) && ids.includes(c.ruleId) !== shouldHold) where.push(`${k.split('/')[0]} ${shouldHold ? 'lacks' : 'still enforces'} it`);
    if (![...held.keys()].some((k) => k.endsWith(`/${c.groupId}`))) where.push('no agent holds its group');
    if (where.length > 0) lost.push(`${c.kind} ${c.key} (${c.ruleId}, port ${c.port}): ${where.join('; ')}`);

    const doubled: string[] = [];
    if (c.kind === 'add' && (addedByPort.get(c.port) ?? 0) > 1) doubled.push(`${addedByPort.get(c.port)} rules added for its port`);
    if (c.kind === 'add' && (addedById.get(c.ruleId) ?? 0) > 1) doubled.push(`${addedById.get(c.ruleId)} rules.added events`);
    if (c.kind === 'remove' && (removedById.get(c.ruleId) ?? 0) > 1) doubled.push(`${removedById.get(c.ruleId)} rules.removed events`);
    if ((succeededOf.get(c.operationId) ?? 0) > 1) doubled.push(`operation ${c.operationId} succeeded ${succeededOf.get(c.operationId)} times`);
    if (readModel.get(c.groupId)!.filter((id) => id === c.ruleId).length > 1) doubled.push('twice in the read model');
    for (const [k, ids] of held) if (ids.filter((id) => id === c.ruleId).length > 1) doubled.push(`twice on ${k}`);
    if (doubled.length > 0) twice.push(`${c.kind} ${c.key}: ${doubled.join('; ')}`);
  }

  const [{ events }] = await dataSource.query(`SELECT count(*)::int AS events FROM events`);
  return { lost, twice, notSucceeded, recovered, readModelsDifferFromReplay: await compareWithReplay(dataSource), events };
}

/** Per group, the load's rule ids it must hold: the accepted additions less the accepted removals. */
function expectedRules(accepted: Change[]): Map<string, string[]> {
  const byGroup = new Map<string, Set<string>>();
  for (const c of accepted) {
    const set = byGroup.get(c.groupId) ?? new Set<string>();
    byGroup.set(c.groupId, set);
    if (c.kind === 'add') set.add(c.ruleId);
  }
  for (const c of accepted) if (c.kind === 'remove') byGroup.get(c.groupId)!.delete(c.ruleId);
  return new Map([...byGroup].map(([g, ids]) => [g, [...ids]]));
}

/**
 * Snapshots every read-model table, rebuilds them all from the events (projections:rebuild, one
 * transaction), and snapshots again: the names of the tables that changed. Run once the load is over.
 */
export async function compareWithReplay(dataSource: DataSource): Promise<string[]> {
  const snapshot = async (): Promise<Record<string, string[]>> => {
    const tables: Record<string, string[]> = {};
    for (const table of READ_MODEL_TABLES) {
      const rows: { r: string }[] = await dataSource.query(`SELECT to_jsonb(t)::text AS r FROM ${table} t ORDER BY 1`);
      tables[table] = rows.map((row) => row.r);
    }
    return tables;
  };
  const live = await snapshot();
  await rebuildProjections(dataSource);
  const replayed = await snapshot();
  return READ_MODEL_TABLES.filter((t) => JSON.stringify(live[t]) !== JSON.stringify(replayed[t])).map((t) => `${t} (${live[t].length} rows live, ${replayed[t].length} replayed)`);
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && new Set(a).size === a.length && [...a].sort().join() === [...b].sort().join();
}

function bump<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
