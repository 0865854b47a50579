import { ConfigurationError, defineSetting, type Env } from '@sg/config';
import { bearerToken, sameSecret } from './bearer';

/**
 * The secret the worker shows an agent when it pushes a state (docs/agent-protocol.md), so that
 * nobody else on the management network can rewrite a hypervisor's firewall. Worker and agents
 * share it through AGENT_TOKEN; without it both use the development token, which suits one
 * machine and nothing else.
 */
export const DEV_AGENT_TOKEN = 'dev-agent-token';

/** AGENT_TOKEN, checked without echoing it: a secret in a start-up log is a leaked secret. */
export function agentTokenSetting(env: Env): { token: string; isDevelopmentDefault: boolean } {
  const raw = env.AGENT_TOKEN?.trim();
  const token = raw || DEV_AGENT_TOKEN;
  if (!/^[\x21-\x7e]{12,256}$/.test(token)) throw new ConfigurationError('AGENT_TOKEN', 'must be 12–256 printable characters without spaces');
  // The development token, whether unset or written out (docker-compose.yml writes it).
  return { token, isDevelopmentDefault: token === DEV_AGENT_TOKEN };
}

/** Whether an `Authorization` header carries the token, compared in constant time. */
export function carriesAgentToken(header: string | undefined, token: string): boolean {
  const given = bearerToken(header);
  return given !== null && sameSecret(given, token);
}

/** AGENT_TOKEN as the worker and the agents declare it (docs/configuration.md). */
export const AGENT_TOKEN_SETTING = defineSetting({
  name: 'AGENT_TOKEN',
  processes: ['api', 'worker', 'agent'],
  defaultText: DEV_AGENT_TOKEN,
  description:
    'API and worker: the secret every agent\'s own credential is derived from (12–256 printable characters; the same on the API and the worker). ' +
    'Agent: its own credential (`sga1.…`, printed by `npm run -s agent-credential -- <hypervisor id>`); given the shared secret instead, the agent derives its own from it and warns. The default is for one machine only.',
  read: agentTokenSetting,
});
