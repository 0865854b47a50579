import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { call, callAll } from '../api/client';
import type { Instance } from '../api/types';
import { byId, loadInstances, loadVpcs } from '../data';
import { follow } from '../notifications';
import { Link } from '../router';
import { isOperator, session } from '../session';
import { useStore } from '../store';
import { Dialog, EmptyRow, ErrorNote, PageHeader, useAction, useAsync } from '../ui';

/** GPU VMs: where each runs (its hypervisor) and its addresses, which the groups applied to it filter. */
export function InstancesPage(): JSX.Element {
  const me = useStore(session);
  const vpcs = useAsync(loadVpcs, []);
  const instances = useAsync(() => loadInstances(), []);
  const groups = useAsync(() => callAll('listSecurityGroups', { query: { limit: 1000 } }), []);
  const hypervisors = useAsync(() => (isOperator(me) ? callAll('listHypervisors', { query: { limit: 1000 } }) : Promise.resolve([])), [me?.key]);
  const [form, setForm] = useState({ name: '', vpcId: '', hypervisorId: 'hv-1', ipv4: '', ipv6: '' });
  const [deleting, setDeleting] = useState<Instance | null>(null);
  useEffect(() => {
    if (!form.vpcId && vpcs.data?.length) setForm((f) => ({ ...f, vpcId: vpcs.data![0].id }));
  }, [vpcs.data]);
  const field = (name: keyof typeof form) => (e: Event) => setForm({ ...form, [name]: (e.currentTarget as HTMLInputElement).value });
  const register = useAction(async () => {
    const { data } = await call('registerInstance', {
      body: { name: form.name.trim(), vpcId: form.vpcId, hypervisorId: form.hypervisorId.trim(), ...(form.ipv4.trim() && { ipv4: form.ipv4.trim() }), ...(form.ipv6.trim() && { ipv6: form.ipv6.trim() }) },
    });
    follow(data.operation, `Register instance ${data.name}`);
    setForm({ ...form, name: '', ipv4: '', ipv6: '' });
    instances.reload();
  });
  const remove = useAction(async (instance: Instance) => {
    const { data } = await call('deleteInstance', { path: { id: instance.id } });
    follow(data.operation, `Delete instance ${instance.name}`, data.warnings);
    setDeleting(null);
    instances.reload();
  });
  const vpcName = (id: string) => byId(vpcs.data).get(id)?.name ?? id;
  const groupName = (id: string) => byId(groups.data).get(id)?.name ?? id;

  return (
    <>
      <PageHeader title="Instances" description="GPU virtual machines. A new instance gets its VPC's default security group." />
      {vpcs.data?.length === 0 ? (
        <p class="notice">
          An instance lives in a VPC, and there is none yet. <Link href="/vpcs">Create a VPC</Link> first.
        </p>
      ) : (
        <form
          class="card inline-form"
          aria-labelledby="register-instance"
          onSubmit={(e) => {
            e.preventDefault();
            void register.run();
          }}
        >
          <h2 id="register-instance">Register instance</h2>
          <div class="field">
            <label for="instance-name">Name</label>
            <input id="instance-name" value={form.name} required autocomplete="off" onInput={field('name')} />
          </div>
          <div class="field">
            <label for="instance-vpc">VPC</label>
            <select id="instance-vpc" value={form.vpcId} onChange={field('vpcId')}>
              {(vpcs.data ?? []).map((v) => (
                <option value={v.id} key={v.id}>
                  {v.name}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="instance-hypervisor">Hypervisor</label>
            <input id="instance-hypervisor" value={form.hypervisorId} list="hypervisor-ids" required autocomplete="off" onInput={field('hypervisorId')} />
            <datalist id="hypervisor-ids">
              {(hypervisors.data ?? []).map((h) => (
                <option value={h.id} key={h.id} />
              ))}
            </datalist>
          </div>
          <div class="field">
            <label for="instance-ipv4">IPv4 address</label>
            <input id="instance-ipv4" value={form.ipv4} placeholder="10.0.1.5" spellcheck={false} autocomplete="off" onInput={field('ipv4')} />
          </div>
          <div class="field">
            <label for="instance-ipv6">IPv6 address</label>
            <input id="instance-ipv6" value={form.ipv6} placeholder="Optional" spellcheck={false} autocomplete="off" onInput={field('ipv6')} />
          </div>
          <button type="submit" class="button primary" disabled={!form.name.trim() || !form.vpcId || register.busy}>
            Register instance
          </button>
          <ErrorNote error={register.error} prefix="The instance was not registered:" />
        </form>
      )}
      <ErrorNote error={instances.error} prefix="Could not load the instances:" />
      <table class="table">
        <caption class="visually-hidden">Instances</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">VPC</th>
            <th scope="col">Hypervisor</th>
            <th scope="col">IPv4</th>
            <th scope="col">IPv6</th>
            <th scope="col">Security groups</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {instances.data?.length === 0 && <EmptyRow columns={7}>No instances yet.</EmptyRow>}
          {(instances.data ?? []).map((i) => (
            <tr key={i.id} data-instance={i.name}>
              <th scope="row">{i.name}</th>
              <td>{vpcName(i.vpcId)}</td>
              <td>{i.hypervisorId}</td>
              <td>
                <code>{i.ipv4 ?? '—'}</code>
              </td>
              <td>
                <code>{i.ipv6 ?? '—'}</code>
              </td>
              <td>
                {i.securityGroupIds.map((id, n) => (
                  <span key={id}>
                    {n > 0 && ', '}
                    <Link href={`/security-groups/${id}`}>{groupName(id)}</Link>
                  </span>
                ))}
              </td>
              <td>
                <button type="button" class="link-button danger" aria-label={`Delete ${i.name}`} onClick={() => (remove.clear(), setDeleting(i))}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Dialog
        title="Delete instance"
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        actions={
          <>
            <button type="button" class="button secondary" onClick={() => setDeleting(null)}>
              Cancel
            </button>
            <button type="button" class="button danger" disabled={remove.busy} onClick={() => deleting && remove.run(deleting)}>
              Delete instance
            </button>
          </>
        }
      >
        <p>
          Delete the instance <strong>{deleting?.name}</strong>? It is removed from every security group that applies to it.
        </p>
        <ErrorNote error={remove.error} prefix="Not deleted:" />
      </Dialog>
    </>
  );
}
