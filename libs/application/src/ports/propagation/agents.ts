import type { DesiredState } from '@sg/protocol';

export interface PushResult {
  appliedRevision: number;
  changed: boolean;
}

/** An agent that could not take a state: its own words when it gave any. */
export class AgentError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'AgentError';
  }
}

/** The worker's side of the agent protocol (docs/agent-protocol.md). Failures are AgentErrors. */
export abstract class Agents {
  /** Sends a hypervisor's whole desired state; the agent answers with the revision it applied. */
  abstract push(agentUrl: string, state: DesiredState, options: { timeoutMs: number; token: string }): Promise<PushResult>;

  /** The revision the agent enforces now. */
  abstract health(agentUrl: string, timeoutMs: number): Promise<{ appliedRevision: number }>;
}
