import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Reflector } from '@nestjs/core';
import { type AppConfig, bearerToken, sameSecret } from '@sg/infra';
import { agentCredential, isAgentCredential } from '@sg/protocol';
import type { Request } from 'express';
import { APP_CONFIG } from '../config.module';
import { Problem } from '../http/problem';
import { Principal, principalOf } from './principal';
import { ACCEPTS_STREAM_TICKET, AGENT_ROUTE, OPERATOR_ONLY, PUBLIC } from './roles.decorator';
import { StreamTickets } from './stream-ticket';

/**
 * `Authorization: Bearer <key>` on every request (the /v1 contract asks it of every request), but for the routes
 * marked @Public() (health, metrics, the queue page); the docs are served outside Nest's routes.
 * The notification stream also takes a ticket in its URL (StreamTickets), for browsers' EventSource.
 * Unknown or missing: 401; a member on an operator route: 403.
 */
/** The tenant an agent's registration and resync events carry (hypervisors belong to no tenant). */
export const AGENT_TENANT = 'agents';

@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly keys: { key: string; principal: Principal }[];
  private readonly agentSecret: string;
  private readonly logger = new Logger('auth');

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(StreamTickets) private readonly tickets: StreamTickets,
  ) {
    this.keys = config.apiKeys.map((k) => ({ key: k.key, principal: principalOf(k) }));
    this.agentSecret = config.propagation.agentToken;
  }

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request & { principal?: Principal; requestId?: string }>();
    try {
      return this.decide(context, req);
    } catch (error) {
      if (error instanceof Problem && (error.slug === 'unauthorized' || error.slug === 'forbidden')) this.logFailure(req, error);
      throw error;
    }
  }

  /**
   * A failed login (or a key used where it may not go) is one warning line: who tried, from where,
   * on what; a fingerprint of the key tried (sha256, 8 hex), never the key.
   */
  private logFailure(req: Request & { principal?: Principal; requestId?: string }, error: Problem): void {
    const token = bearerToken(req.headers.authorization);
    this.logger.warn({
      msg: error.slug === 'unauthorized' ? 'authentication failed' : 'access refused',
      reason: error.detail,
      method: req.method,
      path: req.path,
      remoteAddress: req.socket.remoteAddress,
      requestId: req.requestId,
      ...(token !== null && { keyFingerprint: createHash('sha256').update(token).digest('hex').slice(0, 8) }),
      ...(req.principal && { actor: req.principal.actor }),
    });
  }

  private decide(context: ExecutionContext, req: Request & { principal?: Principal }): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const agentRoute = this.reflector.getAllAndOverride<'agent-only' | 'agent-or-operator' | undefined>(AGENT_ROUTE, targets);
    if (agentRoute) {
      const agent = this.agentHolder(req.headers.authorization, req.params.id);
      if (agent) {
        req.principal = agent;
        return true;
      }
      if (agentRoute === 'agent-only') {
        // Told apart from a bad credential only after the key is known: a stranger learns nothing.
        const principal = this.keyHolder(req.headers.authorization);
        req.principal = principal;
        throw new Problem('forbidden', 'Only the hypervisor\'s agent registers its URL, with its own credential (AGENT_TOKEN); an API key cannot point a hypervisor at a URL.');
      }
    }
    const principal = req.headers.authorization === undefined && this.reflector.getAllAndOverride<boolean>(ACCEPTS_STREAM_TICKET, targets) && req.query.ticket !== undefined
      ? this.ticketHolder(req.query.ticket)
      : this.keyHolder(req.headers.authorization);
    req.principal = principal;
    const operatorOnly = this.reflector.getAllAndOverride<boolean>(OPERATOR_ONLY, targets);
    if (operatorOnly && principal.role !== 'operator') throw new Problem('forbidden', 'This needs an operator key.');
    return true;
  }

  private keyHolder(header: string | undefined): Principal {
    const key = bearerToken(header);
    if (key === null) throw new Problem('unauthorized', 'Send an API key as "Authorization: Bearer <key>".');
    const principal = this.lookup(key);
    if (!principal) throw new Problem('unauthorized', 'The API key is not known.');
    return principal;
  }

  /**
   * The agent of hypervisor `id`, when the header carries that agent's own credential (derived from
   * AGENT_TOKEN: agentCredential in libs/protocol). Another agent's credential is refused (401).
   */
  private agentHolder(header: string | undefined, id: unknown): Principal | null {
    const token = bearerToken(header);
    if (token === null || !isAgentCredential(token)) return null;
    if (typeof id !== 'string' || !sameSecret(token, agentCredential(this.agentSecret, id))) {
      throw new Problem('unauthorized', 'The agent credential is not the one of this hypervisor.');
    }
    return { tenant: AGENT_TENANT, role: 'operator', actor: `agent/${id}` };
  }

  private ticketHolder(ticket: unknown): Principal {
    const principal = typeof ticket === 'string' ? this.tickets.verify(ticket) : null;
    if (!principal) throw new Problem('unauthorized', 'The ticket is not valid or has expired; ask POST /v1/notifications/tickets for a new one.');
    return principal;
  }

  /** Compares every key in constant time, so timing does not reveal how much of a key matched. */
  private lookup(candidate: string): Principal | undefined {
    let found: Principal | undefined;
    for (const { key, principal } of this.keys) if (sameSecret(candidate, key)) found = principal;
    return found;
  }
}
