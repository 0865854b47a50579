import type { Finding } from './api/types';

/** What each check means, in the words of docs/audit.md. */
export const CHECK_TITLES: Record<string, string> = {
  'ssh-open-to-world': 'SSH (22) open to the world',
  'rdp-open-to-world': 'RDP (3389) open to the world',
  'port-range-open-to-world': 'A port range open to the world',
  'group-unattached': 'Applied to nothing',
  'instance-default-group-only': 'An instance with only the default group',
  'remote-overlaps-vpc': 'A remote range reaching into the VPC from outside',
};

export const SEVERITY_LABELS: Record<string, string> = { high: 'High', medium: 'Medium', low: 'Low' };

/** Why, from the finding's details: the rules that call for it, or the instance. */
export function findingWhy(f: Finding): string {
  const rules = (f.details as { rules?: { ruleId: string; protocol: string; ports: string | null; remote: string }[] }).rules;
  if (rules?.length) return rules.map((r) => `${r.protocol === 'all' ? 'All' : r.protocol.toUpperCase()} ${r.ports ?? 'all ports'} from ${r.remote}`).join('; ');
  if (f.instanceId) return `Instance ${f.instanceId}`;
  return '';
}
