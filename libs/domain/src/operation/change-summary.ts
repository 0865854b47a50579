import { Rule } from '../rule/rule';
import { SecurityGroupEvent, SecurityGroupEventTypes as T } from '../security-group/security-group.events';
import { plural } from './operation.state';

/**
 * The first half of an operation's message, in the console's words: what the user did to which
 * group. "Added 2 inbound rules to web-servers", "Applied web-servers to 1 instance".
 */
export function summarizeGroupChange(events: readonly SecurityGroupEvent[], groupName: string): string {
  if (events[0]?.type === T.Created) return summarizeCreation(events, groupName);
  const parts = events.map((e) => summarizeOne(e, groupName)).filter((s): s is string => s !== null);
  return parts.length > 0 ? parts.join('; ') : `No change to ${groupName}`;
}

function summarizeOne(e: SecurityGroupEvent, name: string): string | null {
  switch (e.type) {
    case T.Created:
      return `Created security group ${name}`;
    case T.Updated:
      return `Updated ${name}`;
    case T.RulesAdded:
      return `Added ${byDirection(e.data.rules)} to ${name}`;
    case T.RulesRemoved:
      return `Removed ${plural(e.data.ruleIds.length, 'rule')} from ${name}`;
    case T.RulesReplaced:
      return `Edited the rules of ${name} (${e.data.added.length} added or changed, ${e.data.removedRuleIds.length} removed)`;
    case T.AppliedToChanged: {
      const d = e.data;
      const bits: string[] = [];
      if (d.instanceIdsAdded.length || d.cidrsAdded.length) bits.push(`applied ${name} to ${targets(d.instanceIdsAdded.length, d.cidrsAdded.length)}`);
      if (d.instanceIdsRemoved.length || d.cidrsRemoved.length) bits.push(`detached ${name} from ${targets(d.instanceIdsRemoved.length, d.cidrsRemoved.length)}`);
      const s = bits.join(' and ');
      return s.charAt(0).toUpperCase() + s.slice(1);
    }
    case T.Deleted:
      return `Deleted security group ${name}`;
  }
}

function byDirection(rules: readonly Rule[]): string {
  const inbound = rules.filter((r) => r.direction === 'inbound').length;
  const outbound = rules.length - inbound;
  const parts = [];
  if (inbound) parts.push(plural(inbound, 'inbound rule'));
  if (outbound) parts.push(plural(outbound, 'outbound rule'));
  return parts.join(' and ');
}

function targets(instances: number, cidrs: number): string {
  const parts = [];
  if (instances) parts.push(plural(instances, 'instance'));
  if (cidrs) parts.push(plural(cidrs, 'network segment'));
  return parts.join(' and ');
}

/** "Created security group web-servers with 2 inbound rules, applied to 3 instances". */
function summarizeCreation(events: readonly SecurityGroupEvent[], name: string): string {
  const rules = events.flatMap((e) => (e.type === T.RulesAdded ? e.data.rules : []));
  const applied = events.flatMap((e) => (e.type === T.AppliedToChanged ? [e.data] : []));
  const instances = applied.reduce((n, d) => n + d.instanceIdsAdded.length, 0);
  const cidrs = applied.reduce((n, d) => n + d.cidrsAdded.length, 0);
  let s = `Created security group ${name}`;
  if (rules.length > 0) s += ` with ${byDirection(rules)}`;
  if (instances + cidrs > 0) s += `, applied to ${targets(instances, cidrs)}`;
  return s;
}
