import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { KeystoneTokens } from '../../identity/keystone-tokens';
import type { Principal } from '../../platform/auth/principal';
import { NeutronError } from './neutron-error';

/** `X-Auth-Token` (from /identity/v3/auth/tokens) on every /v2.0 request; missing, forged or expired: 401. */
@Injectable()
export class TokenGuard implements CanActivate {
  constructor(@Inject(KeystoneTokens) private readonly tokens: KeystoneTokens) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const token = req.header('x-auth-token');
    if (!token) throw new NeutronError(401, 'Unauthorized', 'Authentication required: send a token from /identity/v3/auth/tokens as X-Auth-Token.');
    const principal = this.tokens.verify(token);
    if (!principal) throw new NeutronError(401, 'Unauthorized', 'The token is not valid or has expired.');
    req.principal = principal;
    return true;
  }
}
