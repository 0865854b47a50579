import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import { call } from '../api/client';
import type { QueueJob } from '../api/types';
import { Link } from '../router';
import { EmptyRow, ErrorNote, formatTime, PageHeader, useAsync } from '../ui';

const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'] as const;
type JobState = (typeof STATES)[number];
const REFRESH_MS = 5000;

/** For operators: the worker's job queues (what /v1/queues reads from Redis), refreshed every 5 s. */
export function QueuesPage(props: { queue: string | null; state: string | null }): JSX.Element {
  const state = (STATES as readonly string[]).includes(props.state ?? '') ? (props.state as JobState) : 'failed';
  const queues = useAsync(() => call('listQueues').then((a) => a.data), []);
  const jobs = useAsync(
    () => (props.queue ? call('listQueueJobs', { path: { name: props.queue }, query: { state, limit: 100 } }).then((a) => a.data) : Promise.resolve(null as QueueJob[] | null)),
    [props.queue, state],
  );
  useEffect(() => {
    const timer = setInterval(() => {
      queues.reload();
      jobs.reload();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [queues.reload, jobs.reload]);

  return (
    <>
      <PageHeader title="Queues" description="The worker's job queues: one sync job per hypervisor to update. Refreshed every 5 s." />
      <ErrorNote error={queues.error} prefix="Could not read the queues:" />
      <table class="table">
        <caption class="visually-hidden">Job queues</caption>
        <thead>
          <tr>
            <th scope="col">Queue</th>
            <th scope="col">State</th>
            {STATES.map((s) => (
              <th scope="col" class="num" key={s}>
                {s[0].toUpperCase() + s.slice(1)}
              </th>
            ))}
            <th scope="col" class="num">
              Oldest waiting
            </th>
            <th scope="col">Jobs</th>
          </tr>
        </thead>
        <tbody>
          {queues.data?.length === 0 && <EmptyRow columns={10}>No queues.</EmptyRow>}
          {(queues.data ?? []).map((q) => (
            <tr key={q.name} data-queue={q.name}>
              <th scope="row">{q.name}</th>
              <td>{q.paused ? <span class="badge badge-failed">Paused</span> : <span class="badge badge-in-sync">Running</span>}</td>
              {STATES.map((s) => (
                <td class={`num${s === 'failed' && q.counts[s] > 0 ? ' error-text' : ''}`} key={s}>
                  {q.counts[s]}
                </td>
              ))}
              <td class="num">{q.oldestWaitingAgeSeconds === null ? '—' : `${q.oldestWaitingAgeSeconds.toFixed(1)} s`}</td>
              <td>
                <Link href={`/queues/${encodeURIComponent(q.name)}/failed`}>Failed jobs</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.queue && (
        <section class="card" aria-labelledby="jobs-title">
          <div class="section-head">
            <h2 id="jobs-title">
              {state[0].toUpperCase() + state.slice(1)} jobs of {props.queue} (newest first)
            </h2>
            <Link href="/queues" class="button secondary small">
              Close
            </Link>
          </div>
          <nav class="tabs" aria-label="Job states">
            {STATES.map((s) => (
              <Link key={s} href={`/queues/${encodeURIComponent(props.queue!)}/${s}`} aria-current={s === state ? 'page' : undefined}>
                {s}
              </Link>
            ))}
          </nav>
          <ErrorNote error={jobs.error} prefix="Could not read the jobs:" />
          <table class="table">
            <caption class="visually-hidden">
              {state} jobs of {props.queue}
            </caption>
            <thead>
              <tr>
                <th scope="col">Id</th>
                <th scope="col">Hypervisor</th>
                <th scope="col" class="num">Attempts</th>
                <th scope="col">Failed reason</th>
                <th scope="col">Created</th>
                <th scope="col">Last attempt</th>
                <th scope="col">Finished</th>
              </tr>
            </thead>
            <tbody>
              {jobs.data?.length === 0 && <EmptyRow columns={7}>No {state} jobs.</EmptyRow>}
              {(jobs.data ?? []).map((j) => (
                <tr key={j.id}>
                  <td>
                    <code>{j.id}</code>
                  </td>
                  <td>{j.hypervisorId}</td>
                  <td class="num">
                    {j.attemptsMade} / {j.maxAttempts}
                  </td>
                  <td class="error-text mono">{j.failedReason ?? ''}</td>
                  <td>{formatTime(j.createdAt)}</td>
                  <td>{formatTime(j.processedAt)}</td>
                  <td>{formatTime(j.finishedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
