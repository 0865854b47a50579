import { Module } from '@nestjs/common';
import type { AppConfig } from '@sg/infra';
import { APP_CONFIG } from '../platform/config.module';
import { GetVersionHttpController } from './get-version/get-version.http.controller';
import { IssueTokenHttpController } from './issue-token/issue-token.http.controller';
import { KeystoneTokens } from './keystone-tokens';
import { TokenRequestLimits } from './token-request-limits';

/**
 * /identity/v3: the subset of Keystone OpenStack clients need to reach the Neutron face. Accounts
 * come from API_KEYS: user = project = tenant, password = the key; operators are admins.
 */
@Module({
  controllers: [GetVersionHttpController, IssueTokenHttpController],
  providers: [
    { provide: KeystoneTokens, useFactory: (c: AppConfig) => new KeystoneTokens(c.apiKeys), inject: [APP_CONFIG] },
    { provide: TokenRequestLimits, useFactory: (c: AppConfig) => new TokenRequestLimits(c.fairness.tokenRequestsPerMinute), inject: [APP_CONFIG] },
  ],
  exports: [KeystoneTokens, TokenRequestLimits],
})
export class IdentityModule {}
