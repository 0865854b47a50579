import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { call } from '../api/client';
import type { GroupEvent } from '../api/types';
import { RulesTable } from '../components/RulesTable';
import { byId, loadInstances } from '../data';
import { Link } from '../router';
import { ErrorNote, formatTime, PageHeader, useAsync } from '../ui';

/** Every event of a group, following the Link header from page to page. */
async function loadEvents(id: string): Promise<GroupEvent[]> {
  const events: GroupEvent[] = [];
  let fromVersion = 1;
  for (let page = 0; page < 50; page++) {
    const answer = await call('getGroupEvents', { path: { id }, query: { fromVersion, limit: 1000 } });
    events.push(...answer.data);
    const next = /[?&]fromVersion=(\d+)/.exec(answer.headers.get('Link') ?? '');
    if (!next || answer.data.length === 0) break;
    fromVersion = Number(next[1]);
  }
  return events;
}

type Data = Record<string, unknown>;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What an event did, in a sentence; unknown types still show their raw data below. */
function describe(event: GroupEvent, instanceName: (id: string) => string): string {
  const d = event.data as Data;
  const names = (v: unknown) => list(v).map((x) => instanceName(String(x)));
  switch (event.type) {
    case 'security-group.created':
      return `Created ${d.isDefault ? 'as the default group ' : ''}with the name ${String(d.name)}`;
    case 'security-group.updated':
      return `Updated ${['name', 'description', 'tags'].filter((k) => k in d).join(', ')}`;
    case 'security-group.rules.added': {
      const rules = list(d.rules) as { direction?: string }[];
      const inbound = rules.filter((r) => r.direction === 'inbound').length;
      return `Added ${count(rules.length, 'rule')} (${inbound} inbound, ${rules.length - inbound} outbound)`;
    }
    case 'security-group.rules.removed':
      return `Deleted ${count(list(d.ruleIds).length, 'rule')}`;
    case 'security-group.rules.replaced':
      return `Replaced the rules: ${count(list(d.removedRuleIds).length, 'rule')} removed, ${list(d.added).length} added`;
    case 'security-group.applied-to.changed': {
      const parts = [
        ...names(d.instanceIdsAdded).map((n) => `applied to ${n}`),
        ...names(d.instanceIdsRemoved).map((n) => `removed from ${n}`),
        ...list(d.cidrsAdded).map((c) => `applied to ${String(c)}`),
        ...list(d.cidrsRemoved).map((c) => `removed from ${String(c)}`),
      ];
      return parts.length ? parts.join('; ').replace(/^./, (c) => c.toUpperCase()) : 'Applied-to changed';
    }
    case 'security-group.deleted':
      return 'Deleted the security group';
    default:
      return event.type;
  }
}

/** The group's timeline (who, when, what) and the group as it was at any version. */
export function HistoryPage(props: { groupId: string }): JSX.Element {
  const events = useAsync(() => loadEvents(props.groupId), [props.groupId]);
  const current = useAsync(() => call('getSecurityGroup', { path: { id: props.groupId } }).then((a) => a.data), [props.groupId]);
  const instances = useAsync(() => loadInstances(), []);
  const [version, setVersion] = useState<number | null>(null);
  const past = useAsync(
    () => (version === null ? Promise.resolve(null) : call('getGroupHistory', { path: { id: props.groupId }, query: { version } }).then((a) => ({ version, group: a.data }))),
    [version],
  );
  // The version shown is the one loaded, not the one just asked for: the two differ while it loads.
  const shown = past.data && past.data.version === version ? past.data : null;
  const instanceName = (id: string) => byId(instances.data).get(id)?.name ?? id;
  const name = current.data?.name ?? props.groupId;

  return (
    <>
      <nav class="breadcrumbs" aria-label="Breadcrumb">
        <Link href="/security-groups">Security Group</Link> <span aria-hidden="true">›</span> <Link href={`/security-groups/${props.groupId}`}>{name}</Link> <span aria-hidden="true">›</span>{' '}
        <span aria-current="page">History</span>
      </nav>
      <PageHeader title={`History of ${name}`} description="Every change is an event; nothing is ever updated or deleted. Pick a version to see the group as it was." />
      <ErrorNote error={events.error} prefix="Could not load the history:" />
      <div class="history">
        <ol class="timeline" aria-label="Events, newest first">
          {[...(events.data ?? [])].reverse().map((e) => (
            <li key={e.version} class={version === e.version ? 'selected' : undefined}>
              <div class="timeline-head">
                <span class="version">v{e.version}</span>{' '}
                <strong>{describe(e, instanceName)}</strong>
              </div>
              <p class="muted">
                {e.metadata.actor} · <time dateTime={e.recordedAt}>{formatTime(e.recordedAt)}</time> · <code>{e.type}</code>
              </p>
              <div class="timeline-actions">
                <button type="button" class="button secondary small" aria-pressed={version === e.version} onClick={() => setVersion(e.version)}>
                  View version {e.version}
                </button>
                <details>
                  <summary>Event data</summary>
                  <pre>{JSON.stringify(e.data, null, 2)}</pre>
                </details>
              </div>
            </li>
          ))}
          {events.data?.length === 0 && <li class="muted">No events.</li>}
        </ol>
        <section class="card past" aria-labelledby="past-title" aria-live="polite">
          <h2 id="past-title">{version === null ? 'Pick a version' : `${name} at version ${version}`}</h2>
          {version === null && <p class="muted">Choose “View version” on an event to see the group as that event left it.</p>}
          <ErrorNote error={past.error} />
          {version !== null && !shown && !past.error && <p aria-busy="true">Loading…</p>}
          {shown && (
            <>
              <p class="muted">
                Name <strong>{shown.group.name}</strong> · updated {formatTime(shown.group.updatedAt)} · applied to{' '}
                {[...shown.group.appliedTo.instanceIds.map(instanceName), ...shown.group.appliedTo.cidrs].join(', ') || 'nothing'}
              </p>
              <h3>Inbound Rules</h3>
              <RulesTable direction="inbound" rules={shown.group.inboundRules} caption={`Inbound rules at version ${shown.version}`} />
              <h3>Outbound Rules</h3>
              <RulesTable direction="outbound" rules={shown.group.outboundRules} caption={`Outbound rules at version ${shown.version}`} />
            </>
          )}
        </section>
      </div>
    </>
  );
}
