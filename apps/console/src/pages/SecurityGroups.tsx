import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { call, callAll } from '../api/client';
import type { SecurityGroup } from '../api/types';
import { byId, loadInstances, loadVpcs } from '../data';
import { follow, onOperation } from '../notifications';
import { Link, navigate, useRoute } from '../router';
import { Dialog, EmptyRow, ErrorNote, PageHeader, StatusBadge, useAction, useAsync } from '../ui';

/** The Security Group Management page: every group, a VPC filter, and Delete under Actions. */
export function SecurityGroupsPage(): JSX.Element {
  const { query } = useRoute();
  const vpcId = query.get('vpc') ?? '';
  const vpcs = useAsync(loadVpcs, []);
  const instances = useAsync(() => loadInstances(), []);
  const groups = useAsync(() => callAll('listSecurityGroups', { query: { limit: 1000, ...(vpcId && { vpcId }) } }), [vpcId]);
  const [deleting, setDeleting] = useState<SecurityGroup | null>(null);

  // Statuses move as operations finish: read the list again when the stream says one changed.
  useEffect(() => onOperation(() => groups.reload()), [groups.reload]);

  const vpcName = (id: string) => byId(vpcs.data).get(id)?.name ?? id;
  const instanceName = (id: string) => byId(instances.data).get(id)?.name ?? id;

  return (
    <>
      <PageHeader title="Security Group" description="Stateful, default-deny firewalls for your GPU virtual machines: any traffic not explicitly allowed by a rule is blocked.">
        <Link href={`/security-groups/new${vpcId ? `?vpc=${encodeURIComponent(vpcId)}` : ''}`} class="button primary">
          Create Security Group
        </Link>
      </PageHeader>
      <div class="toolbar">
        <div class="field inline">
          <label for="vpc-filter">VPC</label>
          <select id="vpc-filter" value={vpcId} onChange={(e) => navigate(`/security-groups${(e.currentTarget as HTMLSelectElement).value ? `?vpc=${encodeURIComponent((e.currentTarget as HTMLSelectElement).value)}` : ''}`, { replace: true })}>
            <option value="">All VPCs</option>
            {(vpcs.data ?? []).map((v) => (
              <option value={v.id} key={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ErrorNote error={groups.error} prefix="Could not load the security groups:" />
      <table class="table">
        <caption class="visually-hidden">Security groups</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">VPC</th>
            <th scope="col" class="num">Inbound rules</th>
            <th scope="col" class="num">Outbound rules</th>
            <th scope="col">Applied instances</th>
            <th scope="col">Status</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {groups.data?.length === 0 && (
            <EmptyRow columns={7}>
              {vpcs.data?.length === 0 ? (
                <>
                  No security groups yet. A VPC comes with its default group: <Link href="/vpcs">create a VPC</Link> first.
                </>
              ) : (
                'No security groups.'
              )}
            </EmptyRow>
          )}
          {groups.data === undefined && !groups.error && <EmptyRow columns={7}>Loading…</EmptyRow>}
          {(groups.data ?? []).map((g) => {
            const applied = [...g.appliedTo.instanceIds.map(instanceName), ...g.appliedTo.cidrs];
            return (
              <tr key={g.id} data-group={g.name}>
                <th scope="row">
                  <Link href={`/security-groups/${g.id}`}>{g.name}</Link>
                  {g.isDefault && g.name !== 'default' && (
                    <>
                      {' '}
                      <span class="tag">default</span>
                    </>
                  )}
                </th>
                <td>{vpcName(g.vpcId)}</td>
                <td class="num">{g.inboundRules.length}</td>
                <td class="num">{g.outboundRules.length}</td>
                <td>{applied.length === 0 ? <span class="muted">None</span> : applied.join(', ')}</td>
                <td>
                  <StatusBadge status={g.propagation} />
                </td>
                <td>
                  <button
                    type="button"
                    class="link-button danger"
                    disabled={g.isDefault}
                    title={g.isDefault ? 'The default security group is deleted with its VPC' : undefined}
                    aria-label={`Delete ${g.name}`}
                    onClick={() => setDeleting(g)}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {deleting && <DeleteGroupFlow group={deleting} onDone={() => (setDeleting(null), groups.reload())} />}
    </>
  );
}

/**
 * Deleting a group: the API refuses while it has rules, so the console says so first and offers
 * to delete them; then the confirmation pop-up.
 */
export function DeleteGroupFlow(props: { group: SecurityGroup; onDone: (deleted: boolean) => void }): JSX.Element {
  const { group } = props;
  const rules = [...group.inboundRules, ...group.outboundRules];
  const [stage, setStage] = useState<'rules' | 'confirm'>(rules.length > 0 ? 'rules' : 'confirm');
  const removeRules = useAction(async () => {
    const { data } = await call('removeRules', { path: { id: group.id }, body: { ruleIds: rules.map((r) => r.id) } });
    follow(data.operation, `Delete ${rules.length} rules of ${group.name}`);
    setStage('confirm');
  });
  const remove = useAction(async () => {
    const { data } = await call('deleteSecurityGroup', { path: { id: group.id } });
    follow(data.operation, `Delete Security Group ${group.name}`);
    props.onDone(true);
  });
  const inbound = group.inboundRules.length;
  const outbound = group.outboundRules.length;
  if (stage === 'rules') {
    return (
      <Dialog
        title="Delete the rules first"
        open
        onClose={() => props.onDone(false)}
        actions={
          <>
            <button type="button" class="button secondary" onClick={() => props.onDone(false)}>
              Cancel
            </button>
            <button type="button" class="button secondary" onClick={() => navigate(`/security-groups/${group.id}`)}>
              Open details
            </button>
            <button type="button" class="button danger" disabled={removeRules.busy} onClick={() => removeRules.run()}>
              Delete all rules
            </button>
          </>
        }
      >
        <p>
          <strong>{group.name}</strong> still has {rules.length} {rules.length === 1 ? 'rule' : 'rules'} ({inbound} inbound, {outbound} outbound). A security group can be deleted only after all
          its rules have been deleted.
        </p>
        <ErrorNote error={removeRules.error} prefix="Could not delete the rules:" />
      </Dialog>
    );
  }
  return (
    <Dialog
      title="Delete Security Group"
      open
      onClose={() => props.onDone(false)}
      actions={
        <>
          <button type="button" class="button secondary" onClick={() => props.onDone(false)}>
            Cancel
          </button>
          <button type="button" class="button danger" disabled={remove.busy} onClick={() => remove.run()}>
            Delete Security Group
          </button>
        </>
      }
    >
      <p>
        Delete the security group <strong>{group.name}</strong>? It is removed from every instance and network segment it applies to. This cannot be undone.
      </p>
      <ErrorNote error={remove.error} prefix="Could not delete it:" />
    </Dialog>
  );
}
