import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import { call, callAll } from '../api/client';
import type { Hypervisor } from '../api/types';
import { follow, onOperation } from '../notifications';
import { EmptyRow, ErrorNote, formatTime, PageHeader, useAction, useAsync } from '../ui';

/** For operators: each hypervisor's agent, what it should enforce (desired) and what it has (applied). */
export function HypervisorsPage(): JSX.Element {
  const hypervisors = useAsync(() => callAll('listHypervisors', { query: { limit: 1000 } }), []);
  useEffect(() => onOperation(() => hypervisors.reload()), [hypervisors.reload]);
  useEffect(() => {
    const timer = setInterval(() => hypervisors.reload(), 5000);
    return () => clearInterval(timer);
  }, [hypervisors.reload]);
  const resync = useAction(async (h: Hypervisor) => {
    const { data } = await call('resyncHypervisor', { path: { id: h.id } });
    follow(data.operation, `Resync ${h.id}`);
    hypervisors.reload();
  });
  return (
    <>
      <PageHeader title="Hypervisors" description="The agent on each hypervisor applies the desired state; it is in sync when its applied revision reaches the desired one. Refreshed every 5 s." />
      <ErrorNote error={hypervisors.error ?? resync.error} />
      <table class="table">
        <caption class="visually-hidden">Hypervisors</caption>
        <thead>
          <tr>
            <th scope="col">Hypervisor</th>
            <th scope="col">Agent</th>
            <th scope="col" class="num">Desired revision</th>
            <th scope="col" class="num">Applied revision</th>
            <th scope="col">State</th>
            <th scope="col">Last contact</th>
            <th scope="col">Last error</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {hypervisors.data?.length === 0 && <EmptyRow columns={8}>No hypervisor has registered yet: agents register themselves when they start.</EmptyRow>}
          {(hypervisors.data ?? []).map((h) => {
            const inSync = h.appliedRevision >= h.desiredRevision;
            return (
              <tr key={h.id} data-hypervisor={h.id}>
                <th scope="row">{h.id}</th>
                <td>
                  <code>{h.agentUrl}</code>
                </td>
                <td class="num">{h.desiredRevision}</td>
                <td class="num">{h.appliedRevision}</td>
                <td>
                  <span class={`badge ${inSync ? 'badge-in-sync' : 'badge-propagating'}`}>{inSync ? 'In sync' : `Behind by ${h.desiredRevision - h.appliedRevision}`}</span>
                </td>
                <td>{formatTime(h.lastContactAt)}</td>
                <td class="error-text">{h.lastError ?? ''}</td>
                <td>
                  <button type="button" class="button secondary small" aria-label={`Resync ${h.id}`} disabled={resync.busy} onClick={() => resync.run(h)}>
                    Resync
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
