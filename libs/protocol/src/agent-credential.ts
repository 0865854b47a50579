import { createHmac } from 'node:crypto';

/**
 * Each agent's own credential (docs/agent-protocol.md "Authentication"): derived from the
 * control plane's AGENT_TOKEN and the hypervisor id, so the worker and the API know every agent's
 * without storing any, and an agent knows only its own. The worker shows an agent only that
 * agent's credential; a stolen agent host can push to no other agent and register no other
 * hypervisor. `sga1.` marks the form (and its version), so an agent given the shared secret by
 * mistake can tell, derive its own and forget the secret.
 */
export const AGENT_CREDENTIAL_PREFIX = 'sga1.';

export function agentCredential(secret: string, hypervisorId: string): string {
  const mac = createHmac('sha256', secret).update(`security-groups agent credential\0${hypervisorId}`).digest('base64url');
  return `${AGENT_CREDENTIAL_PREFIX}${mac}`;
}

/** Whether a token has the form of an agent credential (not whether it is valid for anyone). */
export function isAgentCredential(token: string): boolean {
  return token.startsWith(AGENT_CREDENTIAL_PREFIX);
}
