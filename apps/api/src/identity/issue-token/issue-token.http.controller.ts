import { Body, Controller, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../platform/auth/roles.decorator';
import { catalog, keystoneRoles, keystoneTime, publicRoot } from '../catalog';
import { KeystoneError, keystoneErrorBody } from '../keystone-error';
import { KeystoneTokens } from '../keystone-tokens';
import { TokenRequestLimits } from '../token-request-limits';
import { parseTokenRequest } from './token-request';

/**
 * `POST /identity/v3/auth/tokens` with the password method: 201, the token in `X-Subject-Token`,
 * the user, project, roles and catalog in the body. Wrong credentials or another project's scope: 401.
 * Each user name has a bucket of TOKEN_REQUESTS_PER_MINUTE, taken before the password is checked:
 * over it, Keystone's 429 with `Retry-After` (the remote address's bucket is the request gate's).
 */
@ApiExcludeController()
@Public()
@Controller('identity/v3/auth/tokens')
export class IssueTokenHttpController {
  constructor(
    @Inject(KeystoneTokens) private readonly tokens: KeystoneTokens,
    @Inject(TokenRequestLimits) private readonly limits: TokenRequestLimits,
  ) {}

  @Post()
  issue(@Body() body: unknown, @Req() req: Request, @Res() res: Response): void {
    const request = parseTokenRequest(body);
    const wait = this.limits.take('user', request.user);
    if (wait !== null) {
      res.status(429).set('Retry-After', String(wait)).json(keystoneErrorBody(429, `Too many token requests for user ${request.user.slice(0, 64)}; retry in ${wait} s.`));
      return;
    }
    const principal = this.tokens.authenticate(request.user, request.password);
    if (!principal) throw new KeystoneError(401, 'The request you have made requires authentication.');
    if (request.project !== null && request.project !== principal.tenant) {
      throw new KeystoneError(401, `User ${request.user} has no access to project ${request.project}.`);
    }
    const { token, issuedAt, expiresAt } = this.tokens.issue(principal);
    const domain = { id: 'default', name: 'Default' };
    const project = { id: principal.tenant, name: principal.tenant, domain };
    res.status(201).set('X-Subject-Token', token).json({
      token: {
        methods: ['password'],
        expires_at: keystoneTime(expiresAt),
        issued_at: keystoneTime(issuedAt),
        user: { id: principal.tenant, name: principal.tenant, domain, password_expires_at: null },
        project,
        is_domain: false,
        roles: keystoneRoles(principal),
        catalog: catalog(publicRoot(req)),
      },
    });
  }
}
