import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import { call } from '../api/client';
import type { Operation } from '../api/types';
import { follow, onOperation } from '../notifications';
import { Link, navigate, useRoute } from '../router';
import { isOperator, session } from '../session';
import { useStore } from '../store';
import { EmptyRow, ErrorNote, formatTime, PageHeader, StatusBadge, useAction, useAsync } from '../ui';

const STATUSES = [
  { value: '', label: 'All' },
  { value: 'queued', label: 'Queued' },
  { value: 'in-progress', label: 'In progress' },
  { value: 'succeeded', label: 'Succeeded' },
  { value: 'failed', label: 'Failed' },
] as const;

function Resource(props: { op: Operation }): JSX.Element {
  const { type, id } = props.op.resource;
  if (type === 'security-group') return <Link href={`/security-groups/${id}`}>{id}</Link>;
  return (
    <span>
      {type} <code>{id}</code>
    </span>
  );
}

/** Every change ends in an operation: its status, its targets on each hypervisor, and Retry for operators. */
export function OperationsPage(props: { selected: string | null }): JSX.Element {
  const { query } = useRoute();
  const status = query.get('status') ?? '';
  const me = useStore(session);
  const operations = useAsync(() => call('listOperations', { query: { limit: 50, ...(status && { status: status as Operation['status'] }) } }).then((a) => a.data), [status]);
  const selected = useAsync(() => (props.selected ? call('getOperation', { path: { id: props.selected } }).then((a) => a.data) : Promise.resolve(null)), [props.selected]);
  useEffect(
    () =>
      onOperation((op) => {
        operations.reload();
        if (op.id === props.selected) selected.reload();
      }),
    [operations.reload, selected.reload, props.selected],
  );
  const retry = useAction(async (op: Operation) => {
    const { data } = await call('retryOperation', { path: { id: op.id } });
    follow({ id: data.id, status: data.status, href: `/v1/operations/${data.id}` }, `Retry ${op.id}`);
    selected.reload();
    operations.reload();
  });
  const href = (id: string) => `/operations/${encodeURIComponent(id)}${status ? `?status=${status}` : ''}`;
  const op = selected.data;

  return (
    <>
      <PageHeader title="Operations" description="Every change that must reach the hypervisors ends in an operation that succeeds or fails." />
      <div class="toolbar">
        <div class="field inline">
          <label for="status-filter">Status</label>
          <select id="status-filter" value={status} onChange={(e) => navigate(`/operations${(e.currentTarget as HTMLSelectElement).value ? `?status=${(e.currentTarget as HTMLSelectElement).value}` : ''}`, { replace: true })}>
            {STATUSES.map((s) => (
              <option value={s.value} key={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div class={op ? 'split' : undefined}>
        <div>
          <ErrorNote error={operations.error} prefix="Could not load the operations:" />
          <table class="table">
            <caption class="visually-hidden">Operations, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Status</th>
                <th scope="col">Operation</th>
                <th scope="col">Message</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {operations.data?.length === 0 && <EmptyRow columns={4}>No operations.</EmptyRow>}
              {(operations.data ?? []).map((o) => (
                <tr key={o.id} class={o.id === props.selected ? 'selected' : undefined} data-operation={o.id}>
                  <td>
                    <StatusBadge status={o.status} />
                  </td>
                  <td>
                    <Link href={href(o.id)} aria-current={o.id === props.selected ? 'true' : undefined}>
                      {o.type}
                    </Link>
                  </td>
                  <td>{o.message}</td>
                  <td>{formatTime(o.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {op && (
          <section class="card operation" aria-labelledby="operation-title">
            <div class="section-head">
              <h2 id="operation-title">Operation {op.id}</h2>
              <Link href={`/operations${status ? `?status=${status}` : ''}`} class="button secondary small">
                Close
              </Link>
            </div>
            <dl class="summary">
              <div>
                <dt>Status</dt>
                <dd>
                  <StatusBadge status={op.status} />
                </dd>
              </div>
              <div>
                <dt>Type</dt>
                <dd>
                  <code>{op.type}</code>
                </dd>
              </div>
              <div>
                <dt>Resource</dt>
                <dd>
                  <Resource op={op} />
                </dd>
              </div>
              <div>
                <dt>Tenant</dt>
                <dd>{op.tenant}</dd>
              </div>
              <div>
                <dt>Progress</dt>
                <dd>
                  {op.progress.done} of {op.progress.total} hypervisors
                </dd>
              </div>
              <div>
                <dt>Finished</dt>
                <dd>{formatTime(op.finishedAt)}</dd>
              </div>
            </dl>
            <p class="message">{op.message}</p>
            <h3>Targets</h3>
            <table class="table">
              <caption class="visually-hidden">Targets of {op.id}</caption>
              <thead>
                <tr>
                  <th scope="col">Hypervisor</th>
                  <th scope="col">Status</th>
                  <th scope="col" class="num">Attempts</th>
                  <th scope="col" class="num">Applied revision</th>
                  <th scope="col">Error</th>
                </tr>
              </thead>
              <tbody>
                {op.targets.length === 0 && <EmptyRow columns={5}>No hypervisor to update: nothing to propagate.</EmptyRow>}
                {op.targets.map((t) => (
                  <tr key={t.hypervisorId}>
                    <th scope="row">{t.hypervisorId}</th>
                    <td>
                      <StatusBadge status={t.status} />
                    </td>
                    <td class="num">{t.attempts}</td>
                    <td class="num">{t.appliedRevision ?? '—'}</td>
                    <td class="error-text">{t.error ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {op.status === 'failed' &&
              (isOperator(me) ? (
                <div class="form-actions">
                  <button type="button" class="button primary" disabled={retry.busy} onClick={() => retry.run(op)}>
                    Retry
                  </button>
                </div>
              ) : (
                <p class="hint">An operator can retry a failed operation once its hypervisors are reachable again.</p>
              ))}
            <ErrorNote error={retry.error} prefix="Not retried:" />
          </section>
        )}
      </div>
    </>
  );
}
