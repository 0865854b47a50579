import type { JSX } from 'preact';
import type { Direction } from '../api/types';
import { useStore } from '../store';
import { session } from '../session';
import { checkRow, hasPorts, newRow, PROTOCOLS, QUICK_PORTS, recommendation, type RuleRow } from './rule-form';

const TITLES: Record<Direction, string> = { inbound: 'Inbound rule', outbound: 'Outbound rule' };

/**
 * New rules of one direction, one fieldset each: Port (All Ports, or Customize Ports with the
 * quick options), Sources or Destinations (All IPv4, My IP, Custom) and Description. Problems show
 * under their field as the user types.
 */
export function RuleRows(props: { direction: Direction; rows: RuleRow[]; onChange: (rows: RuleRow[]) => void }): JSX.Element {
  const { direction, rows, onChange } = props;
  const set = (key: string, patch: Partial<RuleRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <div class="rule-rows">
      {rows.map((row, index) => (
        <RuleRowFields key={row.key} row={row} label={`${TITLES[direction]} ${index + 1}`} onChange={(patch) => set(row.key, patch)} onRemove={() => onChange(rows.filter((r) => r.key !== row.key))} />
      ))}
      {rows.length > 0 && (
        <button type="button" class="button secondary" onClick={() => onChange([...rows, newRow(direction)])}>
          Add Rule
        </button>
      )}
    </div>
  );
}

function RuleRowFields(props: { row: RuleRow; label: string; onChange: (patch: Partial<RuleRow>) => void; onRemove: () => void }): JSX.Element {
  const { row, label, onChange } = props;
  const me = useStore(session);
  const issues = checkRow(row);
  const id = (name: string) => `${row.key}-${name}`;
  const remoteTitle = row.direction === 'inbound' ? 'Sources' : 'Destinations';
  const advice = recommendation(row);
  const showPortIssue = issues.ports && row.ports !== '';
  const showRemoteIssue = issues.custom && row.custom.trim() !== '';
  return (
    <fieldset class="rule-row" aria-label={label}>
      <legend>{label}</legend>
      <div class="rule-grid">
        <div class="field">
          <label for={id('protocol')}>Protocol</label>
          <select id={id('protocol')} value={row.protocol} onChange={(e) => onChange({ protocol: (e.currentTarget as HTMLSelectElement).value as RuleRow['protocol'] })}>
            {PROTOCOLS.map((p) => (
              <option value={p.value} key={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        </div>

        <fieldset class="field choice" disabled={!hasPorts(row)}>
          <legend>Port</legend>
          <div class="radios">
            <label>
              <input type="radio" name={id('port-mode')} checked={row.portMode === 'all'} onChange={() => onChange({ portMode: 'all' })} /> All Ports
            </label>
            <label>
              <input type="radio" name={id('port-mode')} checked={row.portMode === 'custom'} onChange={() => onChange({ portMode: 'custom' })} /> Customize Ports
            </label>
          </div>
          {row.portMode === 'custom' && hasPorts(row) && (
            <>
              <label for={id('ports')} class="sub-label">
                Port or range
              </label>
              <input
                id={id('ports')}
                value={row.ports}
                placeholder="22 or 8000-8080"
                inputMode="numeric"
                autocomplete="off"
                aria-invalid={showPortIssue ? 'true' : undefined}
                aria-describedby={showPortIssue ? id('ports-issue') : undefined}
                onInput={(e) => onChange({ ports: (e.currentTarget as HTMLInputElement).value })}
              />
              {showPortIssue && (
                <p class="field-issue" id={id('ports-issue')}>
                  {issues.ports}
                </p>
              )}
              <div class="quick" role="group" aria-label="Quick options">
                {QUICK_PORTS.map((q) => (
                  <button type="button" class={`chip-button${row.protocol === 'tcp' && row.ports === String(q.port) ? ' selected' : ''}`} key={q.name} onClick={() => onChange({ protocol: 'tcp', portMode: 'custom', ports: String(q.port) })}>
                    {q.name} ({q.port})
                  </button>
                ))}
              </div>
            </>
          )}
        </fieldset>

        <fieldset class="field choice">
          <legend>{remoteTitle}</legend>
          <div class="radios">
            <label>
              <input type="radio" name={id('remote')} checked={row.remoteMode === 'all-ipv4'} onChange={() => onChange({ remoteMode: 'all-ipv4' })} /> All IPv4
            </label>
            <label>
              <input type="radio" name={id('remote')} checked={row.remoteMode === 'my-ip'} onChange={() => onChange({ remoteMode: 'my-ip' })} /> My IP
            </label>
            <label>
              <input type="radio" name={id('remote')} checked={row.remoteMode === 'custom'} onChange={() => onChange({ remoteMode: 'custom' })} /> Custom
            </label>
          </div>
          {row.remoteMode === 'my-ip' && <p class="hint">{me?.principal.ip ? `Your address as the API sees it: ${me.principal.ip}` : 'Your address as the API sees it.'}</p>}
          {row.remoteMode === 'custom' && (
            <>
              <label for={id('custom')} class="sub-label">
                IP addresses or CIDR ranges
              </label>
              <textarea
                id={id('custom')}
                rows={2}
                value={row.custom}
                placeholder="203.0.113.7, 198.51.100.0/24"
                spellcheck={false}
                aria-invalid={showRemoteIssue ? 'true' : undefined}
                aria-describedby={showRemoteIssue ? id('custom-issue') : id('custom-hint')}
                onInput={(e) => onChange({ custom: (e.currentTarget as HTMLTextAreaElement).value })}
              />
              {showRemoteIssue ? (
                <ul class="field-issue" id={id('custom-issue')}>
                  {issues.custom!.map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              ) : (
                <p class="hint" id={id('custom-hint')}>
                  One or more, separated by commas or new lines.
                </p>
              )}
            </>
          )}
        </fieldset>

        <div class="field">
          <label for={id('description')}>Description</label>
          <input id={id('description')} value={row.description} maxLength={255} placeholder="Optional" onInput={(e) => onChange({ description: (e.currentTarget as HTMLInputElement).value })} />
        </div>
      </div>
      {advice && (
        <div class="recommendation" role="note">
          <strong>Recommendation</strong> {advice}
        </div>
      )}
      <button type="button" class="icon-button remove-row" aria-label={`Remove ${label.toLowerCase()}`} title={`Remove ${label.toLowerCase()}`} onClick={props.onRemove}>
        ×
      </button>
    </fieldset>
  );
}
