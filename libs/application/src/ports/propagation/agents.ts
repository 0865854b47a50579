import type { DesiredState } from '@sg/protocol';

export interface PushResult {
  appliedRevision: number;
  /** The hash of the state the agent enforces (stateHash in libs/protocol); null from an agent that gave none. */
  appliedHash: string | null;
  changed: boolean;
}

/** What an agent says it enforces now (`GET /health`). */
export interface AgentReport {
  appliedRevision: number;
  appliedHash: string | null;
}

/** An agent that could not take a state: its own words when it gave any. */
export class AgentError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly reason: AgentErrorReason = 'unknown',
    /** The agent's HTTP status, when it answered one. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'AgentError';
  }
}

/** Why a push failed, as `sg_agent_push_errors_total{reason}` counts it. */
export type AgentErrorReason = 'unreachable' | 'timeout' | 'refused' | 'failed' | 'bad-reply' | 'drift' | 'unknown';

/** How one push is made: bounded by its timeout, carrying the requests it serves, abortable on shutdown. */
export interface PushOptions {
  timeoutMs: number;
  token: string;
  /** The API requests whose changes the state carries (X-Request-Id): the agent logs them. */
  requestIds?: readonly string[];
  /** Aborts the push (a worker shutting down); the caller tells that from a timeout by this signal. */
  signal?: AbortSignal;
}

/** The worker's side of the agent protocol (docs/agent-protocol.md). Failures are AgentErrors. */
export abstract class Agents {
  /** Sends a hypervisor's whole desired state; the agent answers with the revision it applied. */
  abstract push(agentUrl: string, state: DesiredState, options: PushOptions): Promise<PushResult>;

  /** The revision the agent enforces now, and the hash of that state. */
  abstract health(agentUrl: string, timeoutMs: number): Promise<AgentReport>;
}
