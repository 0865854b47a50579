import { AgentError, type AgentReport, Agents, type PushOptions, type PushResult } from '@sg/application';
import { type DesiredState, formatRequestIds, REQUEST_ID_HEADER } from '@sg/protocol';
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { AgentUrlPolicy } from './agent-url-policy';

const gzipAsync = promisify(gzip);

/** The worker's side of docs/agent-protocol.md. */
export async function pushState(
  agentUrl: string,
  body: DesiredState,
  options: PushOptions,
): Promise<PushResult> {
  let res: Response;
  const requestIds = formatRequestIds(options.requestIds ?? []);
  const timeout = AbortSignal.timeout(options.timeoutMs);
  // Compressed: a state repeats itself (every port lists its groups' rules), so gzip shrinks it
  // tens of times. The agent hashes the JSON inside, so the appliedHash is the same either way.
  const compressed = await gzipAsync(Buffer.from(JSON.stringify(body), 'utf8'));
  try {
    res = await fetch(`${agentUrl}/v1/state`, {
      method: 'PUT',
      headers: {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        authorization: `Bearer ${options.token}`,
        ...(requestIds && { [REQUEST_ID_HEADER]: requestIds }),
      },
      body: compressed,
      signal: options.signal ? AbortSignal.any([timeout, options.signal]) : timeout,
    });
  } catch (error) {
    throw new AgentError(`agent ${body.hypervisorId} unreachable at ${agentUrl}: ${describe(error)}`, true, timeout.aborted ? 'timeout' : 'unreachable');
  }
  const text = await res.text().catch(() => '');
  let reply: Record<string, unknown> = {};
  try {
    reply = text ? JSON.parse(text) : {};
  } catch {
    // a proxy's HTML error page, say
  }
  if (!res.ok) {
    const said = typeof reply.error === 'string' ? reply.error : text.slice(0, 200) || res.statusText;
    const retryable = res.status >= 500 || res.status === 429;
    throw new AgentError(`agent ${body.hypervisorId} answered ${res.status}: ${said}`, retryable, retryable ? 'failed' : 'refused', res.status);
  }
  if (typeof reply.appliedRevision !== 'number') throw new AgentError(`agent ${body.hypervisorId} gave no appliedRevision`, true, 'bad-reply');
  return { appliedRevision: reply.appliedRevision, appliedHash: typeof reply.appliedHash === 'string' ? reply.appliedHash : null, changed: reply.changed === true };
}

/** The agent's health: the revision it enforces now. */
export async function agentHealth(agentUrl: string, timeoutMs: number): Promise<AgentReport> {
  let res: Response;
  try {
    res = await fetch(`${agentUrl}/health`, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new AgentError(`unreachable at ${agentUrl}: ${describe(error)}`, true);
  }
  if (!res.ok) throw new AgentError(`health answered ${res.status}`, true);
  const body = (await res.json()) as { appliedRevision?: unknown; appliedHash?: unknown };
  if (typeof body.appliedRevision !== 'number') throw new AgentError('health gave no appliedRevision', true);
  return { appliedRevision: body.appliedRevision, appliedHash: typeof body.appliedHash === 'string' ? body.appliedHash : null };
}

function describe(error: unknown): string {
  const e = error as { cause?: { code?: string; message?: string }; name?: string; message?: string };
  if (e?.name === 'TimeoutError') return 'timed out';
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(error);
}

/**
 * Agents over HTTP (fetch), each call bounded by its timeout. With a policy, a push goes only to a
 * URL whose address (resolved, for a host name) the policy accepts: otherwise nothing is sent, and
 * the target fails at once (not retried: an operator must fix the URL).
 */
export class HttpAgents extends Agents {
  constructor(private readonly policy: AgentUrlPolicy | null = null) {
    super();
  }

  async push(agentUrl: string, state: DesiredState, options: PushOptions): Promise<PushResult> {
    const refusal = await this.policy?.resolvedRefusal(agentUrl);
    if (refusal) throw new AgentError(`agent ${state.hypervisorId}: nothing sent to ${agentUrl}: ${refusal}`, false, 'refused');
    return pushState(agentUrl, state, options);
  }

  health(agentUrl: string, timeoutMs: number): Promise<AgentReport> {
    return agentHealth(agentUrl, timeoutMs);
  }
}
