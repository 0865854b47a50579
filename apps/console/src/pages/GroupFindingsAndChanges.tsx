import type { JSX } from 'preact';
import { call } from '../api/client';
import type { GroupChange, Rule } from '../api/types';
import { CHECK_TITLES, findingWhy, SEVERITY_LABELS as SEVERITY } from '../findings';
import { portsText, remoteText } from '../rules/rule-form';
import { EmptyRow, ErrorNote, formatTime, useAsync } from '../ui';

/** The group's open findings: what the checks find risky in it now, since when, and by whose change. */
export function GroupFindings(props: { groupId: string; version: number }): JSX.Element {
  const findings = useAsync(() => call('listFindings', { query: { status: 'open', groupId: props.groupId, limit: 100 } }).then((a) => a.data), [props.groupId, props.version]);
  const rows = findings.data ?? [];
  return (
    <section class="card" aria-labelledby="open-findings">
      <h2 id="open-findings">Open findings</h2>
      <ErrorNote error={findings.error} prefix="Could not load the findings:" />
      <table class="table findings-table">
        <caption class="visually-hidden">Open findings of this security group</caption>
        <thead>
          <tr>
            <th scope="col">Severity</th>
            <th scope="col">Finding</th>
            <th scope="col">Why</th>
            <th scope="col">Since</th>
            <th scope="col">Opened by</th>
          </tr>
        </thead>
        <tbody>
          {findings.data && rows.length === 0 && <EmptyRow columns={5}>No open findings.</EmptyRow>}
          {rows.map((f) => (
            <tr key={f.id} data-finding={f.id} data-check={f.check}>
              <td>
                <span class={`badge badge-severity-${f.severity}`}>{SEVERITY[f.severity] ?? f.severity}</span>
              </td>
              <td>
                {CHECK_TITLES[f.check] ?? f.check} <code class="muted">{f.check}</code>
              </td>
              <td>{findingWhy(f)}</td>
              <td>
                <time dateTime={f.openedAt}>{formatTime(f.openedAt)}</time>
              </td>
              <td>
                {f.openedBy.actor}
                {f.openedBy.requestId && (
                  <>
                    {' '}
                    · request <code>{f.openedBy.requestId}</code>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const ruleText = (r: Rule, groupName?: (id: string) => string) =>
  `${r.direction} ${r.type} (${r.protocol === 'all' ? 'all protocols' : r.protocol.toUpperCase()} ${portsText(r)}) ${r.direction === 'inbound' ? 'from' : 'to'} ${remoteText(r, groupName)}`;

/** What a change did, one line per difference. */
export function changeLines(c: GroupChange, names: { instance?: (id: string) => string; group?: (id: string) => string } = {}): string[] {
  const instance = names.instance ?? ((id: string) => id);
  const lines: string[] = [];
  if (c.created) lines.push('Created the group');
  if (c.name) lines.push(`Renamed from “${c.name.from}” to “${c.name.to}”`);
  if (c.description) lines.push(`Description changed from “${c.description.from}” to “${c.description.to}”`);
  for (const [k, v] of Object.entries(c.tags.set)) lines.push(`Tag ${k}=${v} set`);
  for (const [k, v] of Object.entries(c.tags.removed)) lines.push(`Tag ${k}=${v} removed`);
  for (const r of c.rulesAdded) lines.push(`Added rule: ${ruleText(r, names.group)}`);
  for (const r of c.rulesRemoved) lines.push(`Removed rule: ${ruleText(r, names.group)}`);
  for (const id of c.instancesAttached) lines.push(`Applied to ${instance(id)}`);
  for (const id of c.instancesDetached) lines.push(`Removed from ${instance(id)}`);
  for (const cidr of c.cidrsAdded) lines.push(`Applied to ${cidr}`);
  for (const cidr of c.cidrsRemoved) lines.push(`Removed from ${cidr}`);
  if (c.deleted) lines.push('Deleted the group');
  return lines.length > 0 ? lines : [c.type];
}

/** "Changes": each of the group's changes, newest first, with who made it, under which request, and what it did. */
export function GroupChanges(props: { groupId: string; version: number; instanceName?: (id: string) => string; groupName?: (id: string) => string }): JSX.Element {
  const changes = useAsync(() => call('getGroupChanges', { path: { id: props.groupId } }).then((a) => a.data), [props.groupId, props.version]);
  const rows = [...(changes.data ?? [])].reverse();
  return (
    <section class="card" aria-labelledby="group-changes">
      <h2 id="group-changes">Changes</h2>
      <ErrorNote error={changes.error} prefix="Could not load the changes:" />
      <table class="table changes-table">
        <caption class="visually-hidden">Changes of this security group, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Actor</th>
            <th scope="col">Request ID</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {changes.data && rows.length === 0 && <EmptyRow columns={4}>No changes.</EmptyRow>}
          {rows.map((c) => (
            <tr key={c.version} data-version={c.version}>
              <td>
                <time dateTime={c.recordedAt}>{formatTime(c.recordedAt)}</time>
              </td>
              <td>{c.actor}</td>
              <td>{c.requestId ? <code>{c.requestId}</code> : <span class="muted">—</span>}</td>
              <td>
                <ul class="change-lines">
                  {changeLines(c, { instance: props.instanceName, group: props.groupName }).map((line, i) => (
                    <li key={i}>{line}</li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
