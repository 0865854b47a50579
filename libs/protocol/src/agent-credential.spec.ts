import { agentCredential, isAgentCredential } from './agent-credential';

describe('agentCredential', () => {
  it('is one per hypervisor and per secret, stable, and marked as a credential', () => {
    const a = agentCredential('control-plane-secret', 'hv-1');
    expect(agentCredential('control-plane-secret', 'hv-1')).toBe(a);
    expect(agentCredential('control-plane-secret', 'hv-2')).not.toBe(a);
    expect(agentCredential('another-secret-value', 'hv-1')).not.toBe(a);
    expect(isAgentCredential(a)).toBe(true);
    expect(isAgentCredential('control-plane-secret')).toBe(false);
    expect(a).toMatch(/^sga1\.[A-Za-z0-9_-]{43}$/);
  });

  it('does not contain the secret or the id', () => {
    const a = agentCredential('control-plane-secret', 'hv-1');
    expect(a).not.toContain('control-plane-secret');
    expect(a).not.toContain('hv-1');
  });
});
