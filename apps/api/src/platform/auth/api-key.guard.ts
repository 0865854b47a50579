import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AppConfig } from '@sg/infra';
import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { APP_CONFIG } from '../config.module';
import { Problem } from '../http/problem';
import { Principal, principalOf } from './principal';
import { OPERATOR_ONLY, PUBLIC } from './roles.decorator';

/**
 * `Authorization: Bearer <key>` on every request (API.md: every /v1 request), but for the routes
 * marked @Public() (health, metrics, the queue page); the docs are served outside Nest's routes.
 * Unknown or missing: 401; a member on an operator route: 403.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly keys: { key: Buffer; principal: Principal }[];

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {
    this.keys = config.apiKeys.map((k) => ({ key: Buffer.from(k.key), principal: principalOf(k) }));
  }

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw new Problem('unauthorized', 'Send an API key as "Authorization: Bearer <key>".');
    const principal = this.lookup(match[1]);
    if (!principal) throw new Problem('unauthorized', 'The API key is not known.');
    req.principal = principal;
    const operatorOnly = this.reflector.getAllAndOverride<boolean>(OPERATOR_ONLY, [context.getHandler(), context.getClass()]);
    if (operatorOnly && principal.role !== 'operator') throw new Problem('forbidden', 'This needs an operator key.');
    return true;
  }

  /** Compares every key in constant time, so timing does not reveal how much of a key matched. */
  private lookup(candidate: string): Principal | undefined {
    const given = Buffer.from(candidate);
    let found: Principal | undefined;
    for (const { key, principal } of this.keys) {
      const same = key.length === given.length && timingSafeEqual(key, given);
      if (same) found = principal;
    }
    return found;
  }
}
