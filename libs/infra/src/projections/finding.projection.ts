import { createHash } from 'node:crypto';
import {
  Cidr,
  type DetectedFinding,
  FINDING_CHECKS,
  type FindingCheck,
  type FindingGroupView,
  findingChanges,
  findingKey,
  groupFindings,
  instanceFindings,
  InstanceEventTypes as I,
  SecurityGroupEventTypes as G,
  VpcEventTypes as V,
} from '@sg/domain';
import type { EntityManager } from 'typeorm';
import { type FindingEventRecord, InstanceEvents, SecurityGroupEvents, type StoredEvent, VpcEvents } from '@sg/application';
import type { InlineProjection } from '../event-store/inline-projection';

/** What the checks read, as the projection keeps it in `rm_finding_subjects`. */
interface VpcSubject {
  kind: 'vpc';
  id: string;
  tenant: string;
  vpcId: string;
  state: { cidr: string | null; defaultGroupId: string };
}
interface GroupSubject {
  kind: 'group';
  id: string;
  tenant: string;
  vpcId: string;
  state: Omit<FindingGroupView, 'id'> & { rules: FindingGroupView['rules'][number][]; appliedTo: { instanceIds: string[]; cidrs: string[] } };
}
interface InstanceSubject {
  kind: 'instance';
  id: string;
  tenant: string;
  vpcId: string;
  state: { addresses: string[] };
}
type Subject = VpcSubject | GroupSubject | InstanceSubject;

const FINDING_COLUMNS = `id, tenant, check_id, severity, resource_type, resource_id, group_id, instance_id, status, details, opened_at, opened_position::text AS opened_position, opened_by,
  closed_at, closed_position::text AS closed_position, closed_by`;

/** The event that opened or closed a finding (the read model's record of it). */
export type FindingEventRef = FindingEventRecord;

interface FindingRow {
  id: string;
  tenant: string;
  check_id: FindingCheck;
  severity: string;
  resource_type: string;
  resource_id: string;
  group_id: string;
  instance_id: string | null;
  status: 'open' | 'closed';
  details: Record<string, unknown>;
  opened_at: string;
  opened_position: string;
  opened_by: FindingEventRef;
  closed_at: string | null;
  closed_position: string | null;
  closed_by: FindingEventRef | null;
}

/**
 * The id of a finding: the position of the event that opened it (so ids sort by when findings
 * opened), then a digest of its check and resource (several can open with one event). The same
 * in a rebuild as in the append that first wrote it.
 */
export function findingId(openedPosition: string, check: string, resourceId: string): string {
  const digest = createHash('sha256').update(`${check}|${resourceId}`).digest('hex').slice(0, 12);
  return `fd-${openedPosition.padStart(16, '0')}-${digest}`;
}

/**
 * `rm_findings`: the checks of libs/domain/src/finding run after every event that may change
 * their answer, each on the state right after that event, so every finding has the event (with
 * its actor and request id) that opened it and the one that closed it. The projection keeps what
 * the checks read in `rm_finding_subjects` (read models of other projections are not used: in a
 * rebuild they run a page ahead). Subjects are read once per batch, evolved in memory through
 * every event handed over, and written back at the end with the findings.
 *
 * Each subject row is written only by its own stream's events, which the append already
 * serialises: nothing here takes a row lock (a lock on a row another stream's append wants too
 * would close a cycle with the read models' own locks and foreign keys). An instance's groups are
 * those applied to it directly or through a CIDR holding one of its addresses, as the effective
 * rules count them, read from the group subjects whenever the instance is decided.
 */
export function findingProjection(checks: ReadonlySet<FindingCheck> = new Set(FINDING_CHECKS)): InlineProjection {
  return {
    name: 'findings',
    handles: (type) => VpcEvents.handles(type) || SecurityGroupEvents.handles(type) || InstanceEvents.handles(type),
    apply: (tx, events) => new FindingBatch(tx, checks).run(events),
  };
}

class FindingBatch {
  /** Subjects as they stand in this batch; null: deleted (or known absent). */
  private readonly subjects = new Map<string, Subject | null>();
  private readonly touchedSubjects = new Set<string>();
  /** What was read beyond the batch's own subjects: a VPC's instances, the groups that may apply to an instance. */
  private readonly loaded = new Set<string>();
  /** Open findings by resource, once loaded. */
  private readonly open = new Map<string, Map<string, FindingRow>>();
  /** Findings written in this batch, by id. */
  private readonly written = new Map<string, FindingRow>();
  private readonly existing = new Set<string>();
  /** Instances of other streams whose `rm_instances` rows this append holds a KEY SHARE lock on. */
  private readonly lockedInstances = new Set<string>();

  constructor(
    private readonly tx: EntityManager,
    private readonly checks: ReadonlySet<FindingCheck>,
  ) {}

  async run(events: readonly StoredEvent[]): Promise<void> {
    await this.load(events);
    for (const event of events) await this.evolve(event);
    await this.write();
  }

  /** Every subject the events name, the VPCs of those, and their open findings: one round trip. */
  private async load(events: readonly StoredEvent[]): Promise<void> {
    const ids = new Set<string>();
    const vpcIds = new Set<string>();
    /** Instances a group's change names: another stream's (see loadOpen). */
    const othersInstances = new Set<string>();
    for (const event of events) {
      ids.add(event.streamId);
      if (event.type === G.Created) {
        vpcIds.add((event.data as { vpcId: string }).vpcId);
      } else if (event.type === G.AppliedToChanged) {
        const d = event.data as { instanceIdsAdded: string[]; instanceIdsRemoved: string[] };
        for (const id of [...d.instanceIdsAdded, ...d.instanceIdsRemoved]) {
          ids.add(id);
          othersInstances.add(id);
        }
      } else if (event.type === G.Deleted) {
        for (const id of (event.data as { detachedInstanceIds: string[] }).detachedInstanceIds) {
          ids.add(id);
          othersInstances.add(id);
        }
      } else if (event.type === I.Registered) {
        vpcIds.add((event.data as { vpcId: string }).vpcId);
      }
    }
    const named = [...ids].sort();
    // A VPC's row never changes once written (its range and default group are fixed): read, not locked.
    const [row]: { subjects: Subject[]; vpcs: Subject[]; open: FindingRow[] }[] = await this.tx.query(
      // A plain SELECT: the rebuild's write-behind sends reads at once and queues anything else.
      `SELECT (SELECT count(*) FROM (SELECT 1 FROM rm_instances WHERE id = ANY($3) ORDER BY id FOR KEY SHARE) locked) AS locked,
              (SELECT COALESCE(jsonb_agg(jsonb_build_object('id', id, 'kind', kind, 'tenant', tenant, 'vpcId', vpc_id, 'state', state)), '[]')
                 FROM rm_finding_subjects WHERE id = ANY($1)) AS subjects,
              (SELECT COALESCE(jsonb_agg(jsonb_build_object('id', id, 'kind', kind, 'tenant', tenant, 'vpcId', vpc_id, 'state', state)), '[]') FROM rm_finding_subjects
                WHERE kind = 'vpc' AND id <> ALL($1) AND (id = ANY($2) OR id IN (SELECT vpc_id FROM rm_finding_subjects WHERE id = ANY($1)))) AS vpcs,
              (SELECT COALESCE(jsonb_agg(to_jsonb(o)), '[]')
                 FROM (SELECT ${FINDING_COLUMNS} FROM rm_findings WHERE status = 'open' AND resource_id = ANY($1)) o) AS open`,
      [named, [...vpcIds], [...othersInstances].sort()],
    );
    for (const s of [...row.subjects, ...row.vpcs]) this.subjects.set(s.id, s);
    for (const id of named) if (!this.subjects.has(id)) this.subjects.set(id, null);
    for (const id of othersInstances) this.lockedInstances.add(id);
    this.addOpen(named, row.open);
  }

  /** Rows read beyond the batch's own: those of this batch (as they stand here) win over them. */
  private async readMore(key: string, sql: string, parameters: unknown[]): Promise<void> {
    if (this.loaded.has(key)) return;
    this.loaded.add(key);
    const rows: Subject[] = await this.tx.query(sql, parameters);
    for (const row of rows) if (!this.subjects.has(row.id)) this.subjects.set(row.id, row);
  }

  private inMemory<K extends Subject['kind']>(kind: K, vpcId: string): Extract<Subject, { kind: K }>[] {
    return [...this.subjects.values()].filter((s): s is Extract<Subject, { kind: K }> => s !== null && s.kind === kind && s.vpcId === vpcId);
  }

  /** Every instance of a VPC. */
  private async vpcInstances(vpcId: string): Promise<InstanceSubject[]> {
    await this.readMore(`instances:${vpcId}`, `SELECT id, kind, tenant, vpc_id AS "vpcId", state FROM rm_finding_subjects WHERE vpc_id = $1 AND kind = 'instance'`, [vpcId]);
    return this.inMemory('instance', vpcId);
  }

  /** The ids of the groups that apply to an instance now (directly, or through a CIDR holding one of its addresses), sorted. */
  private async groupsOf(instance: InstanceSubject): Promise<string[]> {
    await this.readMore(
      `groups-of:${instance.id}`,
      `SELECT id, kind, tenant, vpc_id AS "vpcId", state FROM rm_finding_subjects
        WHERE vpc_id = $1 AND kind = 'group' AND (state->'appliedTo'->'instanceIds' ? $2 OR state->'appliedTo'->'cidrs' <> '[]'::jsonb)`,
      [instance.vpcId, instance.id],
    );
    return this.inMemory('group', instance.vpcId)
      .filter((g) => g.state.appliedTo.instanceIds.includes(instance.id) || covers(g.state.appliedTo.cidrs, instance.state.addresses))
      .map((g) => g.id)
      .sort();
  }

  /**
   * The open findings of some resources. `lockInstances`: the instances are another stream's,
   * which an append of their own may be deleting: their rows of `rm_instances` are first locked
   * as the read models' foreign keys lock them at commit (KEY SHARE), so this append waits for
   * that one here, before it writes any finding that one may write too, instead of holding such a
   * row while it waits at its commit (a deadlock). Only the lock matters, not what it returns.
   */
  private async loadOpen(resourceIds: readonly string[], options: { lockInstances?: boolean } = {}): Promise<void> {
    const missing = [...new Set(resourceIds)].filter((id) => !this.open.has(id)).sort();
    const locking = options.lockInstances ? [...new Set(resourceIds)].filter((id) => !this.lockedInstances.has(id)).sort() : [];
    if (missing.length === 0 && locking.length === 0) return;
    for (const id of locking) this.lockedInstances.add(id);
    const [row]: { open: FindingRow[] }[] = await this.tx.query(
      `SELECT (SELECT count(*) FROM (SELECT 1 FROM rm_instances WHERE id = ANY($2) ORDER BY id FOR KEY SHARE) locked) AS locked,
              (SELECT COALESCE(jsonb_agg(to_jsonb(o)), '[]') FROM (SELECT ${FINDING_COLUMNS} FROM rm_findings WHERE status = 'open' AND resource_id = ANY($1)) o) AS open`,
      [missing, locking],
    );
    this.addOpen(missing, row.open);
  }

  private addOpen(resourceIds: readonly string[], rows: readonly FindingRow[]): void {
    for (const id of resourceIds) if (!this.open.has(id)) this.open.set(id, new Map());
    for (const row of rows) {
      if (this.existing.has(row.id)) continue;
      this.existing.add(row.id);
      this.open.get(row.resource_id)!.set(`${row.check_id}|${row.resource_id}`, row);
    }
  }

  private get<K extends Subject['kind']>(id: string, kind: K): Extract<Subject, { kind: K }> | null {
    const s = this.subjects.get(id);
    return s && s.kind === kind ? (s as Extract<Subject, { kind: K }>) : null;
  }

  private put(subject: Subject): void {
    this.subjects.set(subject.id, subject);
    this.touchedSubjects.add(subject.id);
  }

  private remove(id: string): void {
    this.subjects.set(id, null);
    this.touchedSubjects.add(id);
  }

  private async evolve(event: StoredEvent): Promise<void> {
    if (VpcEvents.handles(event.type)) {
      const e = VpcEvents.decode(event);
      if (e.type === V.Created) this.put({ kind: 'vpc', id: e.data.vpcId, tenant: e.data.tenant, vpcId: e.data.vpcId, state: { cidr: e.data.cidr, defaultGroupId: e.data.defaultSecurityGroupId } });
      else this.remove(e.data.vpcId);
      return;
    }
    if (InstanceEvents.handles(event.type)) return this.evolveInstance(event);
    return this.evolveGroup(event);
  }

  private async evolveInstance(event: StoredEvent): Promise<void> {
    const e = InstanceEvents.decode(event);
    if (e.type === I.Registered) {
      const d = e.data;
      const addresses = [d.ipv4, d.ipv6].filter((a): a is string => a !== null);
      const instance: InstanceSubject = { kind: 'instance', id: d.instanceId, tenant: d.tenant, vpcId: d.vpcId, state: { addresses } };
      this.put(instance);
      await this.evaluate(instance.id, this.instanceFindings(instance, await this.groupsOf(instance)), event);
    } else if (e.type === I.Deleted) {
      this.remove(e.data.instanceId);
      await this.evaluate(e.data.instanceId, [], event);
    }
  }

  private async evolveGroup(event: StoredEvent): Promise<void> {
    const e = SecurityGroupEvents.decode(event);
    const id = e.data.groupId;
    if (e.type === G.Created) {
      const d = e.data;
      const group: GroupSubject = { kind: 'group', id, tenant: d.tenant, vpcId: d.vpcId, state: { isDefault: d.isDefault, rules: [], appliedTo: { instanceIds: [], cidrs: [] } } };
      this.put(group);
      await this.evaluate(id, this.groupFindings(group), event);
      return;
    }
    const before = this.get(id, 'group');
    if (!before) return;
    const s = before.state;
    let after: GroupSubject = before;
    switch (e.type) {
      case G.Updated:
        return;
      case G.RulesAdded:
        after = { ...before, state: { ...s, rules: [...s.rules, ...e.data.rules.map(checkedRule)] } };
        break;
      case G.RulesRemoved: {
        const gone = new Set(e.data.ruleIds);
        after = { ...before, state: { ...s, rules: s.rules.filter((r) => !gone.has(r.id)) } };
        break;
      }
      case G.RulesReplaced: {
        const gone = new Set(e.data.removedRuleIds);
        after = { ...before, state: { ...s, rules: [...s.rules.filter((r) => !gone.has(r.id)), ...e.data.added.map(checkedRule)] } };
        break;
      }
      case G.AppliedToChanged: {
        const d = e.data;
        after = {
          ...before,
          state: { ...s, appliedTo: { instanceIds: applyDiff(s.appliedTo.instanceIds, d.instanceIdsAdded, d.instanceIdsRemoved), cidrs: applyDiff(s.appliedTo.cidrs, d.cidrsAdded, d.cidrsRemoved) } },
        };
        this.put(after);
        const changedCidrs = [...d.cidrsAdded, ...d.cidrsRemoved];
        await this.reattach(after, [...d.instanceIdsAdded, ...d.instanceIdsRemoved], changedCidrs, event);
        break;
      }
      case G.Deleted: {
        this.remove(id);
        await this.evaluate(id, [], event);
        const emptied: GroupSubject = { ...before, state: { ...s, appliedTo: { instanceIds: [], cidrs: [] } } };
        await this.reattach(emptied, e.data.detachedInstanceIds, e.data.detachedCidrs, event);
        return;
      }
    }
    this.put(after);
    await this.evaluate(id, this.groupFindings(after), event);
  }

  /**
   * After a group's attachments changed (or it was deleted): each instance it may have gained or
   * lost (named, or in a CIDR added or removed) is decided again with the groups it has now.
   */
  private async reattach(group: GroupSubject, instanceIds: readonly string[], cidrs: readonly string[], event: StoredEvent): Promise<void> {
    const candidates = new Map<string, InstanceSubject>();
    for (const instanceId of instanceIds) {
      const instance = this.get(instanceId, 'instance');
      if (instance) candidates.set(instanceId, instance);
    }
    if (cidrs.length > 0) {
      for (const instance of await this.vpcInstances(group.vpcId)) if (covers(cidrs, instance.state.addresses)) candidates.set(instance.id, instance);
    }
    const ordered = [...candidates.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    await this.loadOpen(ordered.map((i) => i.id), { lockInstances: true });
    for (const instance of ordered) await this.evaluate(instance.id, this.instanceFindings(instance, await this.groupsOf(instance)), event);
  }

  private groupFindings(group: GroupSubject): DetectedFinding[] {
    const vpc = this.get(group.vpcId, 'vpc');
    return groupFindings({ id: group.id, ...group.state }, vpc?.state.cidr ?? null, this.checks);
  }

  private instanceFindings(instance: InstanceSubject, groupIds: readonly string[]): DetectedFinding[] {
    const vpc = this.get(instance.vpcId, 'vpc');
    return instanceFindings(instance.id, groupIds, vpc?.state.defaultGroupId ?? null, this.checks);
  }

  /** Opens what the resource's checks now find and closes what they no longer do, both pointing at `event`. */
  private async evaluate(resourceId: string, found: readonly DetectedFinding[], event: StoredEvent): Promise<void> {
    await this.loadOpen([resourceId]);
    const open = this.open.get(resourceId)!;
    const { opened, closed } = findingChanges(
      [...open.values()].map((row) => ({ check: row.check_id, resource: { type: row.resource_type as DetectedFinding['resource']['type'], id: row.resource_id } })),
      found,
    );
    if (opened.length === 0 && closed.length === 0) return;
    const at = event.recordedAt.toISOString();
    const by = eventRef(event);
    for (const key of closed) {
      const row = open.get(key)!;
      open.delete(key);
      this.written.set(row.id, { ...row, status: 'closed', closed_at: at, closed_position: event.position, closed_by: by });
    }
    for (const f of opened) {
      const tenant = this.subjectTenant(f, event);
      const row: FindingRow = {
        id: findingId(event.position, f.check, f.resource.id), tenant, check_id: f.check, severity: f.severity, resource_type: f.resource.type, resource_id: f.resource.id,
        group_id: f.groupId, instance_id: f.instanceId, status: 'open', details: f.details, opened_at: at, opened_position: event.position, opened_by: by,
        closed_at: null, closed_position: null, closed_by: null,
      };
      open.set(findingKey(f), row);
      this.written.set(row.id, row);
    }
  }

  private subjectTenant(f: DetectedFinding, event: StoredEvent): string {
    const s = this.subjects.get(f.resource.id);
    return s?.tenant ?? event.metadata.tenant;
  }

  private async write(): Promise<void> {
    const upserts = [...this.touchedSubjects].flatMap((id) => {
      const s = this.subjects.get(id);
      return s ? [{ id: s.id, kind: s.kind, tenant: s.tenant, vpc_id: s.vpcId, state: s.state }] : [];
    });
    const deletes = [...this.touchedSubjects].filter((id) => this.subjects.get(id) === null);
    if (deletes.length > 0) await this.tx.query(`DELETE FROM rm_finding_subjects WHERE id = ANY($1)`, [deletes.sort()]);
    if (upserts.length > 0) {
      await this.tx.query(
        `INSERT INTO rm_finding_subjects (id, kind, tenant, vpc_id, state)
         SELECT r.id, r.kind, r.tenant, r.vpc_id, r.state FROM jsonb_to_recordset($1::jsonb) AS r(id text, kind text, tenant text, vpc_id text, state jsonb)
         ON CONFLICT (id) DO UPDATE SET state = excluded.state`,
        [JSON.stringify(upserts.sort((a, b) => (a.id < b.id ? -1 : 1)))],
      );
    }
    const rows = [...this.written.values()];
    const closedBefore = rows.filter((r) => this.existing.has(r.id));
    const created = rows.filter((r) => !this.existing.has(r.id));
    if (closedBefore.length > 0) {
      await this.tx.query(
        `UPDATE rm_findings f SET status = r.status, closed_at = r.closed_at, closed_position = r.closed_position::bigint, closed_by = r.closed_by
           FROM jsonb_to_recordset($1::jsonb) AS r(id text, status text, closed_at timestamptz, closed_position text, closed_by jsonb) WHERE f.id = r.id AND f.status = 'open'`,
        [JSON.stringify(closedBefore.map(({ id, status, closed_at, closed_position, closed_by }) => ({ id, status, closed_at, closed_position, closed_by })))],
      );
    }
    if (created.length > 0) {
      // Closed first: a finding closed and opened again in one batch leaves one open row per check and resource.
      // An instance's finding can be decided by two appends at once (changes to two of its groups):
      // the one that commits second keeps the other's row rather than failing the change.
      await this.tx.query(
        `INSERT INTO rm_findings (id, tenant, check_id, severity, resource_type, resource_id, group_id, instance_id, status, details, opened_at, opened_position, opened_by, closed_at, closed_position, closed_by)
         SELECT r.id, r.tenant, r.check_id, r.severity, r.resource_type, r.resource_id, r.group_id, r.instance_id, r.status, r.details, r.opened_at, r.opened_position::bigint, r.opened_by,
                r.closed_at, r.closed_position::bigint, r.closed_by
           FROM jsonb_to_recordset($1::jsonb) AS r(id text, tenant text, check_id text, severity text, resource_type text, resource_id text, group_id text, instance_id text, status text,
             details jsonb, opened_at timestamptz, opened_position text, opened_by jsonb, closed_at timestamptz, closed_position text, closed_by jsonb)
         ON CONFLICT DO NOTHING`,
        [JSON.stringify(created)],
      );
    }
  }
}

function eventRef(event: StoredEvent): FindingEventRef {
  const requestId = event.metadata.requestId;
  return { position: event.position, streamId: event.streamId, version: event.version, type: event.type, actor: event.metadata.actor, requestId: typeof requestId === 'string' ? requestId : null };
}

function checkedRule(r: FindingGroupView['rules'][number]): FindingGroupView['rules'][number] {
  return { id: r.id, direction: r.direction, protocol: r.protocol, portRange: r.portRange, ipVersion: r.ipVersion, remote: r.remote, remoteGroupId: r.remoteGroupId };
}

function covers(cidrs: readonly string[], addresses: readonly string[]): boolean {
  return cidrs.some((c) => {
    const cidr = Cidr.parse(c).cidr;
    return addresses.some((a) => cidr.contains(a));
  });
}

function applyDiff(list: readonly string[], added: readonly string[], removed: readonly string[]): string[] {
  const gone = new Set(removed);
  const kept = list.filter((x) => !gone.has(x));
  return [...kept, ...added.filter((x) => !kept.includes(x))];
}
