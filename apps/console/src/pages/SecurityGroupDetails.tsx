import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Cidr } from '../../../../libs/domain/src/net/cidr';
import { call, callAll } from '../api/client';
import type { Direction, Instance, Rule, SecurityGroup } from '../api/types';
import { RulesTable } from '../components/RulesTable';
import { byId, loadInstances, loadVpcs } from '../data';
import { follow, onOperation } from '../notifications';
import { Link, navigate } from '../router';
import { RuleRows } from '../rules/RuleEditor';
import { addressesOf, isValid, newRow, portsText, remoteText, toInput, type RuleRow } from '../rules/rule-form';
import { Dialog, ErrorNote, formatTime, PageHeader, StatusBadge, useAction, useAsync } from '../ui';
import { GroupChanges, GroupFindings } from './GroupFindingsAndChanges';
import { DeleteGroupFlow } from './SecurityGroups';

const SECTION: Record<Direction, string> = { inbound: 'Inbound Rules', outbound: 'Outbound Rules' };

/** A group's details page: its rules (add, delete), where it applies (Apply To), its open findings and its changes. */
export function SecurityGroupDetailsPage(props: { groupId: string }): JSX.Element {
  const group = useAsync(() => call('getSecurityGroup', { path: { id: props.groupId } }).then((a) => a.data), [props.groupId]);
  const vpcs = useAsync(loadVpcs, []);
  const groups = useAsync(() => (group.data ? callAll('listSecurityGroups', { query: { vpcId: group.data.vpcId, limit: 1000 } }) : Promise.resolve([])), [group.data?.vpcId]);
  const instances = useAsync(() => (group.data ? loadInstances(group.data.vpcId) : Promise.resolve([] as Instance[])), [group.data?.vpcId]);
  const [deleting, setDeleting] = useState(false);
  // While the group is being deleted, news of its earlier operations must not read it again (404).
  const quiet = useRef(false);
  quiet.current = deleting;
  useEffect(() => onOperation((op) => op.resource.id === props.groupId && !quiet.current && group.reload()), [group.reload]);

  if (group.error && !group.data) {
    return (
      <>
        <PageHeader title="Security group" />
        <ErrorNote error={group.error} prefix="Could not load the security group:" />
        <Link href="/security-groups">Back to the security groups</Link>
      </>
    );
  }
  const g = group.data;
  if (!g) return <p aria-busy="true">Loading…</p>;
  const vpc = byId(vpcs.data).get(g.vpcId);
  const groupName = (id: string) => byId(groups.data).get(id)?.name ?? id;

  return (
    <>
      <nav class="breadcrumbs" aria-label="Breadcrumb">
        <Link href="/security-groups">Security Group</Link> <span aria-hidden="true">›</span> <span aria-current="page">{g.name}</span>
      </nav>
      <PageHeader title={g.name} description={g.description || undefined}>
        <Link href={`/security-groups/${g.id}/history`} class="button secondary">
          History
        </Link>
        {!g.isDefault && (
          <button type="button" class="button danger-outline" onClick={() => setDeleting(true)}>
            Delete
          </button>
        )}
      </PageHeader>
      <dl class="summary card">
        <div>
          <dt>ID</dt>
          <dd>
            <code>{g.id}</code>
          </dd>
        </div>
        <div>
          <dt>VPC</dt>
          <dd>{vpc ? `${vpc.name}${vpc.cidr ? ` (${vpc.cidr})` : ''}` : g.vpcId}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <StatusBadge status={g.propagation} />
          </dd>
        </div>
        <div>
          <dt>Tags</dt>
          <dd>{Object.keys(g.tags).length === 0 ? <span class="muted">None</span> : Object.entries(g.tags).map(([k, v]) => <span class="tag" key={k}>{v ? `${k}=${v}` : k}</span>)}</dd>
        </div>
        <div>
          <dt>Version</dt>
          <dd>{g.version}</dd>
        </div>
        <div>
          <dt>Updated</dt>
          <dd>{formatTime(g.updatedAt)}</dd>
        </div>
      </dl>
      {g.isDefault && (
        <p class="notice" role="note">
          This is the default security group of its VPC. It is created automatically with the VPC and allows all outbound network traffic; its rules cannot be modified, and it is
          deleted with the VPC.
        </p>
      )}
      <RulesSections group={g} groupName={groupName} onChanged={group.reload} />
      <ApplyTo group={g} instances={instances.data ?? []} onChanged={group.reload} />
      <GroupFindings groupId={g.id} version={g.version} />
      <GroupChanges groupId={g.id} version={g.version} groupName={groupName} instanceName={(id) => byId(instances.data).get(id)?.name ?? id} />
      {deleting && <DeleteGroupFlow group={g} onDone={(deleted) => (setDeleting(false), deleted ? navigate('/security-groups') : group.reload())} />}
    </>
  );
}

function RulesSections(props: { group: SecurityGroup; groupName: (id: string) => string; onChanged: () => void }): JSX.Element {
  const { group } = props;
  const [pending, setPending] = useState<Record<Direction, RuleRow[]>>({ inbound: [], outbound: [] });
  const [deleting, setDeleting] = useState<Rule | null>(null);
  const rows = [...pending.inbound, ...pending.outbound];
  const save = useAction(async () => {
    const { data } = await call('addRules', { path: { id: group.id }, body: { rules: rows.map(toInput) } });
    follow(data.operation, `Edit Security Group ${group.name}`, data.warnings);
    setPending({ inbound: [], outbound: [] });
    props.onChanged();
  });
  const removeRule = useAction(async (rule: Rule) => {
    const { data } = await call('removeRule', { path: { id: group.id, ruleId: rule.id } });
    follow(data.operation, `Delete rule ${rule.type} ${portsText(rule)} of ${group.name}`);
    setDeleting(null);
    props.onChanged();
  });
  const setRows = (direction: Direction) => (next: RuleRow[]) => setPending((p) => ({ ...p, [direction]: next }));
  const valid = rows.length > 0 && rows.every(isValid);

  return (
    <>
      {(['inbound', 'outbound'] as const).map((direction) => (
        <section class="card" aria-labelledby={`${direction}-rules`} key={direction}>
          <div class="section-head">
            <h2 id={`${direction}-rules`}>{SECTION[direction]}</h2>
            {!group.isDefault && (
              <button type="button" class="button secondary small" onClick={() => setRows(direction)([...pending[direction], newRow(direction)])}>
                Add New
              </button>
            )}
          </div>
          <RulesTable
            direction={direction}
            caption={SECTION[direction]}
            rules={direction === 'inbound' ? group.inboundRules : group.outboundRules}
            groupName={props.groupName}
            onDelete={group.isDefault ? undefined : (rule) => (removeRule.clear(), setDeleting(rule))}
          />
          {pending[direction].length > 0 && (
            <div class="editor">
              <h3>New {direction} rules</h3>
              <RuleRows direction={direction} rows={pending[direction]} onChange={setRows(direction)} />
              <ErrorNote error={save.error} prefix="The rules were not saved:" />
              <div class="form-actions">
                <button type="button" class="button secondary" onClick={() => (save.clear(), setPending({ inbound: [], outbound: [] }))}>
                  Cancel
                </button>
                <button type="button" class="button primary" disabled={!valid || save.busy} onClick={() => save.run()}>
                  Edit Security Group
                </button>
              </div>
            </div>
          )}
        </section>
      ))}
      <Dialog
        title="Delete rule"
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        actions={
          <>
            <button type="button" class="button secondary" onClick={() => setDeleting(null)}>
              Cancel
            </button>
            <button type="button" class="button danger" disabled={removeRule.busy} onClick={() => deleting && removeRule.run(deleting)}>
              Delete
            </button>
          </>
        }
      >
        {deleting && (
          <p>
            Delete the {deleting.direction} rule <strong>{deleting.type}</strong> ({deleting.protocol === 'all' ? 'all protocols' : deleting.protocol.toUpperCase()}, ports {portsText(deleting)},{' '}
            {deleting.direction === 'inbound' ? 'from' : 'to'} {remoteText(deleting)}) from {group.name}?
          </p>
        )}
        <ErrorNote error={removeRule.error} prefix="Could not delete the rule:" />
      </Dialog>
    </>
  );
}

/** "Apply To": the instances and network segments the group applies to; X removes, Apply Instances saves. */
function ApplyTo(props: { group: SecurityGroup; instances: Instance[]; onChanged: () => void }): JSX.Element {
  const { group, instances } = props;
  const [kept, setKept] = useState({ instanceIds: group.appliedTo.instanceIds, cidrs: group.appliedTo.cidrs });
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [cidrText, setCidrText] = useState('');
  useEffect(() => setKept({ instanceIds: group.appliedTo.instanceIds, cidrs: group.appliedTo.cidrs }), [group.version]);
  const byInstance = byId(instances);
  const cidrs = addressesOf(cidrText);
  const cidrIssues = cidrs.flatMap((c) => {
    try {
      Cidr.parse(c);
      return [];
    } catch (error) {
      return [(error as Error).message];
    }
  });
  const removed = group.appliedTo.instanceIds.length - kept.instanceIds.length + group.appliedTo.cidrs.length - kept.cidrs.length;
  const changed = removed > 0 || picked.size > 0 || cidrs.length > 0;
  const apply = useAction(async () => {
    const body = { instanceIds: [...kept.instanceIds, ...picked], cidrs: [...kept.cidrs, ...cidrs] };
    const { data } = await call('setAppliedTo', { path: { id: group.id }, body });
    follow(data.operation, `Apply Instances: ${group.name}`, data.warnings);
    setPicked(new Set());
    setCidrText('');
    props.onChanged();
  });
  const available = instances.filter((i) => !kept.instanceIds.includes(i.id));
  const label = (id: string) => {
    const i = byInstance.get(id);
    return i ? `${i.name}${i.ipv4 ? ` (${i.ipv4})` : ''}` : id;
  };
  return (
    <section class="card" aria-labelledby="apply-to">
      <h2 id="apply-to">Apply To</h2>
      <h3 id="applied-now">Applied instances</h3>
      {kept.instanceIds.length + kept.cidrs.length === 0 ? (
        <p class="muted">Not applied to any instance or network segment.</p>
      ) : (
        <ul class="chips" aria-labelledby="applied-now">
          {kept.instanceIds.map((id) => (
            <li class="chip" key={id}>
              {label(id)}
              <button type="button" class="chip-x" aria-label={`Remove ${byInstance.get(id)?.name ?? id}`} onClick={() => setKept({ ...kept, instanceIds: kept.instanceIds.filter((x) => x !== id) })}>
                ×
              </button>
            </li>
          ))}
          {kept.cidrs.map((c) => (
            <li class="chip" key={c}>
              <code>{c}</code>
              <button type="button" class="chip-x" aria-label={`Remove ${c}`} onClick={() => setKept({ ...kept, cidrs: kept.cidrs.filter((x) => x !== c) })}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {removed > 0 && <p class="hint">{removed === 1 ? '1 entry' : `${removed} entries`} will be removed when you click Apply Instances.</p>}
      <div class="apply-grid">
        <fieldset class="field">
          <legend>Virtual machines</legend>
          {available.length === 0 ? (
            <p class="muted">No other instance in this VPC.</p>
          ) : (
            <ul class="checklist">
              {available.map((i) => (
                <li key={i.id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={picked.has(i.id)}
                      onChange={(e) => {
                        const next = new Set(picked);
                        if ((e.currentTarget as HTMLInputElement).checked) next.add(i.id);
                        else next.delete(i.id);
                        setPicked(next);
                      }}
                    />{' '}
                    {i.name} <span class="muted">{[i.ipv4, i.ipv6].filter(Boolean).join(', ')}</span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </fieldset>
        <div class="field">
          <label for="cidr-range">CIDR range</label>
          <input
            id="cidr-range"
            value={cidrText}
            placeholder="10.0.1.0/24"
            spellcheck={false}
            autocomplete="off"
            aria-invalid={cidrIssues.length > 0 ? 'true' : undefined}
            aria-describedby={cidrIssues.length > 0 ? 'cidr-issue' : 'cidr-hint'}
            onInput={(e) => setCidrText((e.currentTarget as HTMLInputElement).value)}
          />
          {cidrIssues.length > 0 ? (
            <ul class="field-issue" id="cidr-issue">
              {cidrIssues.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          ) : (
            <p class="hint" id="cidr-hint">
              Applies the group to every instance of the VPC inside the range, including instances registered later.
            </p>
          )}
        </div>
      </div>
      <ErrorNote error={apply.error} prefix="Not applied:" />
      <div class="form-actions">
        <button type="button" class="button primary" disabled={!changed || cidrIssues.length > 0 || apply.busy} onClick={() => apply.run()}>
          Apply Instances
        </button>
      </div>
    </section>
  );
}
