import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type AppConfig, bearerToken, sameSecret } from '@sg/infra';
import type { Request } from 'express';
import { APP_CONFIG } from '../config.module';
import { Problem } from '../http/problem';
import { Principal, principalOf } from './principal';
import { ACCEPTS_STREAM_TICKET, OPERATOR_ONLY, PUBLIC } from './roles.decorator';
import { StreamTickets } from './stream-ticket';

/**
 * `Authorization: Bearer <key>` on every request (the /v1 contract asks it of every request), but for the routes
 * marked @Public() (health, metrics, the queue page); the docs are served outside Nest's routes.
 * The notification stream also takes a ticket in its URL (StreamTickets), for browsers' EventSource.
 * Unknown or missing: 401; a member on an operator route: 403.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly keys: { key: string; principal: Principal }[];

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(StreamTickets) private readonly tickets: StreamTickets,
  ) {
    this.keys = config.apiKeys.map((k) => ({ key: k.key, principal: principalOf(k) }));
  }

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
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
