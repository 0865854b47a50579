import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { call } from '../api/client';
import type { Vpc } from '../api/types';
import { loadVpcs } from '../data';
import { Link } from '../router';
import { Dialog, EmptyRow, ErrorNote, formatTime, PageHeader, useAction, useAsync } from '../ui';

/** VPCs: a new one comes with its default security group. */
export function VpcsPage(): JSX.Element {
  const vpcs = useAsync(loadVpcs, []);
  const [name, setName] = useState('');
  const [cidr, setCidr] = useState('10.0.0.0/16');
  const [deleting, setDeleting] = useState<Vpc | null>(null);
  const create = useAction(async () => {
    await call('createVpc', { body: { name: name.trim(), ...(cidr.trim() && { cidr: cidr.trim() }) } });
    setName('');
    vpcs.reload();
  });
  const remove = useAction(async (vpc: Vpc) => {
    await call('deleteVpc', { path: { id: vpc.id } });
    setDeleting(null);
    vpcs.reload();
  });
  return (
    <>
      <PageHeader title="VPC" description="A VPC is created with its default security group, which allows all outbound traffic and blocks all inbound traffic." />
      <form
        class="card inline-form"
        aria-labelledby="create-vpc"
        onSubmit={(e) => {
          e.preventDefault();
          void create.run();
        }}
      >
        <h2 id="create-vpc">Create VPC</h2>
        <div class="field">
          <label for="vpc-name">Name</label>
          <input id="vpc-name" value={name} required maxLength={255} autocomplete="off" onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="vpc-cidr">CIDR</label>
          <input id="vpc-cidr" value={cidr} spellcheck={false} autocomplete="off" onInput={(e) => setCidr((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <button type="submit" class="button primary" disabled={!name.trim() || create.busy}>
          Create VPC
        </button>
        <ErrorNote error={create.error} prefix="The VPC was not created:" />
      </form>
      <ErrorNote error={vpcs.error} prefix="Could not load the VPCs:" />
      <table class="table">
        <caption class="visually-hidden">VPCs</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">CIDR</th>
            <th scope="col">Default security group</th>
            <th scope="col">Tenant</th>
            <th scope="col">Created</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {vpcs.data?.length === 0 && <EmptyRow columns={6}>No VPCs yet: create one above.</EmptyRow>}
          {(vpcs.data ?? []).map((v) => (
            <tr key={v.id} data-vpc={v.name}>
              <th scope="row">{v.name}</th>
              <td>
                <code>{v.cidr ?? '—'}</code>
              </td>
              <td>
                <Link href={`/security-groups/${v.defaultSecurityGroupId}`}>default</Link>
              </td>
              <td>{v.tenant}</td>
              <td>{formatTime(v.createdAt)}</td>
              <td>
                <Link href={`/security-groups?vpc=${encodeURIComponent(v.id)}`}>Security groups</Link>
                {' · '}
                <button type="button" class="link-button danger" aria-label={`Delete ${v.name}`} onClick={() => (remove.clear(), setDeleting(v))}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Dialog
        title="Delete VPC"
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        actions={
          <>
            <button type="button" class="button secondary" onClick={() => setDeleting(null)}>
              Cancel
            </button>
            <button type="button" class="button danger" disabled={remove.busy} onClick={() => deleting && remove.run(deleting)}>
              Delete VPC
            </button>
          </>
        }
      >
        <p>
          Delete the VPC <strong>{deleting?.name}</strong> and its default security group? A VPC that still has instances or other security groups cannot be deleted.
        </p>
        <ErrorNote error={remove.error} prefix="Not deleted:" />
      </Dialog>
    </>
  );
}
