// Moved to libs/protocol, which the worker and the agents share.
export { agentTokenSetting, carriesAgentToken, DEV_AGENT_TOKEN } from '@sg/protocol';
