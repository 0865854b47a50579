import { agentTokenSetting, carriesAgentToken, DEV_AGENT_TOKEN } from './agent-token';

describe('agent token', () => {
  it('is the development token when unset, and says so', () => {
    expect(agentTokenSetting({})).toEqual({ token: DEV_AGENT_TOKEN, isDevelopmentDefault: true });
    expect(agentTokenSetting({ AGENT_TOKEN: 'a-secret-of-this-cloud' })).toEqual({ token: 'a-secret-of-this-cloud', isDevelopmentDefault: false });
  });

  it('refuses a short token without echoing it', () => {
    expect(() => agentTokenSetting({ AGENT_TOKEN: 'tiny' })).toThrow(/^AGENT_TOKEN: must be 12–256 printable characters/);
    expect(() => agentTokenSetting({ AGENT_TOKEN: 'tiny' })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('tiny') }));
  });

  it('accepts a push only with the bearer token itself', () => {
    expect(carriesAgentToken('Bearer a-secret-of-this-cloud', 'a-secret-of-this-cloud')).toBe(true);
    expect(carriesAgentToken('bearer a-secret-of-this-cloud ', 'a-secret-of-this-cloud')).toBe(true);
    expect(carriesAgentToken('Bearer a-secret-of-this-clou', 'a-secret-of-this-cloud')).toBe(false);
    expect(carriesAgentToken('Basic a-secret-of-this-cloud', 'a-secret-of-this-cloud')).toBe(false);
    expect(carriesAgentToken(undefined, 'a-secret-of-this-cloud')).toBe(false);
  });
});
