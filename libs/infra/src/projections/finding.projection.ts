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
import { InstanceEvents, SecurityGroupEvents, type StoredEvent, VpcEvents } from '@sg/application';
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
  state: { addresses: string[]; groupIds: string[] };
}
type Subject = VpcSubject | GroupSubject | InstanceSubject;

const FINDING_COLUMNS = `id, tenant, check_id, severity, resource_type, resource_id, group_id, instance_id, status, details, opened_at, opened_position::text AS opened_position, opened_by,
  closed_at, closed_position::text AS closed_position, closed_by`;

/** The event that opened or closed a finding. */
export interface FindingEventRef {
  position: string;
  streamId: string;
  version: number;
  type: string;
  actor: string;
  requestId: string | null;
}

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
 * rebuild they run a page ahead). Subjects are read once per batch (locked, in id order), evolved
 * in memory through every event handed over, and written back at the end with the findings.
 *
 * An instance's groups are those applied to it directly or through a CIDR holding one of its
 * addresses, as the effective rules count them.
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
  /** VPCs whose every subject of a kind is loaded. */
  private readonly vpcsLoaded = new Set<string>();
  /** Open findings by resource, once loaded. */
  private readonly open = new Map<string, Map<string, FindingRow>>();
  /** Findings written in this batch, by id. */
  private readonly written = new Map<string, FindingRow>();
  private readonly existing = new Set<string>();

  constructor(
    private readonly tx: EntityManager,
    private readonly checks: ReadonlySet<FindingCheck>,
  ) {}

  async run(events: readonly StoredEvent[]): Promise<void> {
    await this.load(events);
    for (const event of events) await this.evolve(event);
    await this.write();
  }

  /** Every subject the events name (locked), the VPCs of those (read), and their open findings (locked): one round trip. */
  private async load(events: readonly StoredEvent[]): Promise<void> {
    const ids = new Set<string>();
    const vpcIds = new Set<string>();
    for (const event of events) {
      ids.add(event.streamId);
      if (event.type === G.Created) {
        vpcIds.add((event.data as { vpcId: string }).vpcId);
      } else if (event.type === G.AppliedToChanged) {
        const d = event.data as { instanceIdsAdded: string[]; instanceIdsRemoved: string[] };
        for (const id of [...d.instanceIdsAdded, ...d.instanceIdsRemoved]) ids.add(id);
      } else if (event.type === G.Deleted) {
        for (const id of (event.data as { detachedInstanceIds: string[] }).detachedInstanceIds) ids.add(id);
      } else if (event.type === I.Registered) {
        vpcIds.add((event.data as { vpcId: string }).vpcId);
      }
    }
    const named = [...ids].sort();
    // A VPC's row never changes once written (its range and default group are fixed): read, not locked.
    const [row]: { subjects: Subject[]; vpcs: Subject[]; open: FindingRow[] }[] = await this.tx.query(
      // A plain SELECT (locking in its sub-selects): the rebuild's write-behind sends reads at once and queues anything else.
      `SELECT (SELECT COALESCE(jsonb_agg(jsonb_build_object('id', id, 'kind', kind, 'tenant', tenant, 'vpcId', vpc_id, 'state', state)), '[]')
                 FROM (SELECT id, kind, tenant, vpc_id, state FROM rm_finding_subjects WHERE id = ANY($1) ORDER BY id FOR UPDATE) named) AS subjects,
              (SELECT COALESCE(jsonb_agg(jsonb_build_object('id', id, 'kind', kind, 'tenant', tenant, 'vpcId', vpc_id, 'state', state)), '[]') FROM rm_finding_subjects
                WHERE kind = 'vpc' AND id <> ALL($1) AND (id = ANY($2) OR id IN (SELECT vpc_id FROM rm_finding_subjects WHERE id = ANY($1)))) AS vpcs,
              (SELECT COALESCE(jsonb_agg(to_jsonb(o)), '[]')
                 FROM (SELECT ${FINDING_COLUMNS} FROM rm_findings WHERE status = 'open' AND resource_id = ANY($1) ORDER BY id FOR UPDATE) o) AS open`,
      [named, [...vpcIds]],
    );
    for (const s of [...row.subjects, ...row.vpcs]) this.subjects.set(s.id, s);
    for (const id of named) if (!this.subjects.has(id)) this.subjects.set(id, null);
    this.addOpen(named, row.open);
  }

  /**
   * A VPC's instances, or its groups applied to CIDRs (those of this batch as they stand here):
   * locked, so a concurrent change to one of them commits first and is read as it left it.
   */
  private async vpcSubjects(vpcId: string, kind: 'instance' | 'cidr-group'): Promise<Subject[]> {
    const key = `${kind}:${vpcId}`;
    if (!this.vpcsLoaded.has(key)) {
      this.vpcsLoaded.add(key);
      const rows: Subject[] = await this.tx.query(
        `SELECT id, kind, tenant, vpc_id AS "vpcId", state FROM rm_finding_subjects
          WHERE vpc_id = $1 AND ${kind === 'instance' ? `kind = 'instance'` : `kind = 'group' AND state->'appliedTo'->'cidrs' <> '[]'::jsonb`}
          ORDER BY id FOR UPDATE`,
        [vpcId],
      );
      for (const row of rows) if (!this.subjects.has(row.id)) this.subjects.set(row.id, row);
    }
    const wanted = kind === 'instance' ? 'instance' : 'group';
    return [...this.subjects.values()].filter((s): s is Subject => s !== null && s.kind === wanted && s.vpcId === vpcId);
  }

  private async loadOpen(resourceIds: readonly string[]): Promise<void> {
    const missing = [...new Set(resourceIds)].filter((id) => !this.open.has(id)).sort();
    if (missing.length === 0) return;
    const rows: FindingRow[] = await this.tx.query(`SELECT ${FINDING_COLUMNS} FROM rm_findings WHERE status = 'open' AND resource_id = ANY($1) ORDER BY id FOR UPDATE`, [missing]);
    this.addOpen(missing, rows);
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
      // Groups applied to a CIDR holding the new instance's address apply to it at once (and any
      // of this batch already naming it, should its attachment come first).
      await this.vpcSubjects(d.vpcId, 'cidr-group');
      const groupIds = [...this.subjects.values()]
        .filter((s): s is GroupSubject => s !== null && s.kind === 'group' && s.vpcId === d.vpcId && (s.state.appliedTo.instanceIds.includes(d.instanceId) || covers(s.state.appliedTo.cidrs, addresses)))
        .map((g) => g.id)
        .sort();
      const instance: InstanceSubject = { kind: 'instance', id: d.instanceId, tenant: d.tenant, vpcId: d.vpcId, state: { addresses, groupIds } };
      this.put(instance);
      await this.evaluate(instance.id, this.instanceFindings(instance), event);
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
        await this.reattach(emptied, e.data.detachedInstanceIds, e.data.detachedCidrs, event, true);
        return;
      }
    }
    this.put(after);
    await this.evaluate(id, this.groupFindings(after), event);
  }

  /**
   * After a group's attachments changed: each instance it may have gained or lost (named, or in
   * a CIDR added or removed) has its group list set again and its finding decided again.
   */
  private async reattach(group: GroupSubject, instanceIds: readonly string[], cidrs: readonly string[], event: StoredEvent, deleted = false): Promise<void> {
    const candidates = new Map<string, InstanceSubject>();
    for (const instanceId of instanceIds) {
      const instance = this.get(instanceId, 'instance');
      if (instance) candidates.set(instanceId, instance);
    }
    if (cidrs.length > 0) {
      for (const s of await this.vpcSubjects(group.vpcId, 'instance')) if (s.kind === 'instance' && covers(cidrs, s.state.addresses)) candidates.set(s.id, s);
    }
    const ordered = [...candidates.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    await this.loadOpen(ordered.map((i) => i.id));
    for (const instance of ordered) {
      const member = !deleted && (group.state.appliedTo.instanceIds.includes(instance.id) || covers(group.state.appliedTo.cidrs, instance.state.addresses));
      const others = instance.state.groupIds.filter((g) => g !== group.id);
      const groupIds = member ? [...others, group.id].sort() : others;
      if (groupIds.length === instance.state.groupIds.length && groupIds.every((g) => instance.state.groupIds.includes(g))) continue;
      const updated: InstanceSubject = { ...instance, state: { ...instance.state, groupIds } };
      this.put(updated);
      await this.evaluate(instance.id, this.instanceFindings(updated), event);
    }
  }

  private groupFindings(group: GroupSubject): DetectedFinding[] {
    const vpc = this.get(group.vpcId, 'vpc');
    return groupFindings({ id: group.id, ...group.state }, vpc?.state.cidr ?? null, this.checks);
  }

  private instanceFindings(instance: InstanceSubject): DetectedFinding[] {
    const vpc = this.get(instance.vpcId, 'vpc');
    return instanceFindings(instance.id, instance.state.groupIds, vpc?.state.defaultGroupId ?? null, this.checks);
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
           FROM jsonb_to_recordset($1::jsonb) AS r(id text, status text, closed_at timestamptz, closed_position text, closed_by jsonb) WHERE f.id = r.id`,
        [JSON.stringify(closedBefore.map(({ id, status, closed_at, closed_position, closed_by }) => ({ id, status, closed_at, closed_position, closed_by })))],
      );
    }
    if (created.length > 0) {
      // Closed first: a finding closed and opened again in one batch leaves one open row per check and resource.
      await this.tx.query(
        `INSERT INTO rm_findings (id, tenant, check_id, severity, resource_type, resource_id, group_id, instance_id, status, details, opened_at, opened_position, opened_by, closed_at, closed_position, closed_by)
         SELECT r.id, r.tenant, r.check_id, r.severity, r.resource_type, r.resource_id, r.group_id, r.instance_id, r.status, r.details, r.opened_at, r.opened_position::bigint, r.opened_by,
                r.closed_at, r.closed_position::bigint, r.closed_by
           FROM jsonb_to_recordset($1::jsonb) AS r(id text, tenant text, check_id text, severity text, resource_type text, resource_id text, group_id text, instance_id text, status text,
             details jsonb, opened_at timestamptz, opened_position text, opened_by jsonb, closed_at timestamptz, closed_position text, closed_by jsonb)`,
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
