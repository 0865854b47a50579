import { type AcceptedSection, AgentError, type AllocatedState, type HypervisorStates, type PushResult } from '@sg/application';
import { joinSections, sectionsOf, type StateSection } from '@sg/domain';
import { stateHash } from '@sg/protocol';

/** A state the agent was asked to take: its ports and remote groups, under a revision. */
export interface StateToSend {
  revision: number;
  force: boolean;
  ports: AllocatedState['ports'];
  remoteGroups: AllocatedState['remoteGroups'];
}

/** What a fallback left on the agent: the state it accepted, and the tenants held at their last accepted part, with why. */
export interface FallbackResult {
  revision: number;
  hash: string;
  sections: AcceptedSection[];
  held: Map<string, string>;
}

/**
 * An answer that refuses the state for what it holds: too large (413) or not a valid state (400).
 * Another refusal (a token, the wrong hypervisor, an encoding) is no tenant's doing.
 */
export function isStateRefusal(error: unknown): error is AgentError {
  return error instanceof AgentError && (error.status === 413 || error.status === 400);
}

/** Each section with its hash (stateHash of its ports and remote groups). */
export function hashed(sections: readonly StateSection[]): AcceptedSection[] {
  return sections.map((s) => ({ ...s, hash: stateHash(s.ports, s.remoteGroups) }));
}

/** The sections of a desired state, hashed: what is recorded once the agent accepts it. */
export function sectionsOfDesired(desired: AllocatedState): AcceptedSection[] {
  return hashed(sectionsOf(desired, desired.tenantOfVpc));
}

/**
 * After the agent refused the desired state (isStateRefusal), finds a state it takes that carries
 * as many tenants' changes as it can: each tenant whose part changed since the agent last accepted
 * one is first held at that part (a tenant new on the hypervisor, at none: its ports stay denied,
 * as they were), the rest pushed as they are now; then each held tenant's new part is tried in
 * turn, smallest growth first, and kept when the agent takes it. The tenants still held are those
 * whose change the agent refused: only their operations fail. Null when no fallback can help (no
 * part was recorded as accepted yet, no part changed, or the agent refuses even the held state):
 * the sync then fails as before. A push that fails otherwise (unreachable, drift) throws, and the
 * sync is retried as any other.
 */
export async function fallBack(
  hypervisorId: string,
  desired: AllocatedState,
  states: HypervisorStates,
  send: (state: StateToSend) => Promise<PushResult>,
): Promise<FallbackResult | null> {
  const accepted = await states.acceptedSections(hypervisorId);
  if (!accepted) return null;
  const now = sectionsOfDesired(desired);
  const changed = now.filter((s) => accepted.get(s.tenant)?.hash !== s.hash);
  if (changed.length === 0) return null;
  const size = (s: StateSection | undefined) => (s ? JSON.stringify(s).length : 0);
  changed.sort((a, b) => size(a) - size(accepted.get(a.tenant)) - (size(b) - size(accepted.get(b.tenant))) || a.tenant.localeCompare(b.tenant));

  const push = async (sections: AcceptedSection[]): Promise<{ revision: number; hash: string }> => {
    const { ports, remoteGroups } = joinSections(sections);
    const hash = stateHash(ports, remoteGroups);
    const revision = await states.allocateFallbackRevision(hypervisorId, hash);
    const reply = await send({ revision, force: desired.forced, ports, remoteGroups });
    if (reply.appliedRevision !== revision || reply.appliedHash !== hash) {
      throw new AgentError(`agent ${hypervisorId} answered revision ${reply.appliedRevision}, not the fallback revision ${revision}`, true, 'drift');
    }
    return { revision, hash };
  };

  let base = [...now.filter((s) => !changed.includes(s)), ...changed.flatMap((s) => accepted.get(s.tenant) ?? [])];
  let applied: { revision: number; hash: string };
  try {
    applied = await push(base);
  } catch (error) {
    if (isStateRefusal(error)) return null;
    throw error;
  }
  const held = new Map<string, string>();
  for (const section of changed) {
    const candidate = [...base.filter((s) => s.tenant !== section.tenant), section];
    try {
      applied = await push(candidate);
      base = candidate;
    } catch (error) {
      if (!isStateRefusal(error)) throw error;
      held.set(section.tenant, error.message);
    }
  }
  return { ...applied, sections: base, held };
}
