import type { JSX } from 'preact';
import type { Direction, Rule } from '../api/types';
import { portsText, remoteText } from '../rules/rule-form';
import { EmptyRow } from '../ui';

/** A direction's rules with the guide's columns; `onDelete` adds the trash icon per rule. */
export function RulesTable(props: { direction: Direction; rules: Rule[]; caption: string; onDelete?: (rule: Rule) => void; groupName?: (id: string) => string }): JSX.Element {
  const remote = props.direction === 'inbound' ? 'Source' : 'Destination';
  const columns = props.onDelete ? 8 : 7;
  return (
    <table class="table rules-table">
      <caption class="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Type</th>
          <th scope="col">Protocol</th>
          <th scope="col">Port range</th>
          <th scope="col">Action</th>
          <th scope="col">IP type</th>
          <th scope="col">{remote}</th>
          <th scope="col">Description</th>
          {props.onDelete && (
            <th scope="col">
              <span class="visually-hidden">Delete</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {props.rules.length === 0 && <EmptyRow columns={columns}>No {props.direction} rules{props.direction === 'inbound' ? ': all inbound traffic is blocked.' : ': all outbound traffic is blocked.'}</EmptyRow>}
        {props.rules.map((rule) => (
          <tr key={rule.id} data-rule={rule.id}>
            <td>{rule.type}</td>
            <td>{rule.protocol === 'all' ? 'All' : rule.protocol.toUpperCase()}</td>
            <td>{portsText(rule)}</td>
            <td>{rule.action}</td>
            <td>{rule.ipVersion}</td>
            <td>
              <code>{remoteText(rule, props.groupName)}</code>
            </td>
            <td>{rule.description || <span class="muted">—</span>}</td>
            {props.onDelete && (
              <td class="cell-action">
                <button type="button" class="icon-button danger" aria-label={`Delete ${props.direction} rule ${rule.type} ${portsText(rule)} ${remoteText(rule)}`} title="Delete rule" onClick={() => props.onDelete!(rule)}>
                  <TrashIcon />
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function TrashIcon(): JSX.Element {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path fill="currentColor" d="M9 3h6l1 2h4v2H4V5h4l1-2zm-3 6h12l-1 12H7L6 9zm4 2v8h2v-8h-2zm4 0v8h2v-8h-2z" />
    </svg>
  );
}
