export const HypervisorEventTypes = {
  Registered: 'hypervisor.registered',
  AgentUrlChanged: 'hypervisor.agent-url-changed',
} as const;

export interface HypervisorRegistered {
  type: typeof HypervisorEventTypes.Registered;
  data: { hypervisorId: string; agentUrl: string; at: string };
}

export interface HypervisorAgentUrlChanged {
  type: typeof HypervisorEventTypes.AgentUrlChanged;
  data: { hypervisorId: string; agentUrl: string; at: string };
}

export type HypervisorEvent = HypervisorRegistered | HypervisorAgentUrlChanged;
