import { agentCredential, agentTokenSetting } from '@sg/protocol';

const USAGE = 'usage: AGENT_TOKEN=<the control plane\'s secret> npm run -s agent-credential -- <hypervisor id>';
const HYPERVISOR_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/**
 * `npm run -s agent-credential -- hv-1`: prints the credential of hypervisor hv-1's agent, derived
 * from the control plane's AGENT_TOKEN (docs/agent-protocol.md "Authentication"). Give it to that
 * agent as its AGENT_TOKEN, and to no other.
 */
function main(id: string | undefined): void {
  if (!id || !HYPERVISOR_ID.test(id)) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const { token, isDevelopmentDefault } = agentTokenSetting(process.env);
  if (isDevelopmentDefault) console.error('AGENT_TOKEN is the development secret: this credential suits one machine only');
  console.log(agentCredential(token, id));
}

main(process.argv[2]);
