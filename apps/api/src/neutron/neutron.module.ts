import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { ExtensionsHttpController } from './extensions/extensions.http.controller';
import { TokenGuard } from './platform/token.guard';
import { NetworksHttpController } from './networks/networks.http.controller';
import { TagsHttpController } from './tags/tags.http.controller';
import { QuotasHttpController } from './quotas/quotas.http.controller';
import { CreateRuleHttpController } from './security-group-rules/create-rule/create-rule.http.controller';
import { DeleteRuleHttpController } from './security-group-rules/delete-rule/delete-rule.http.controller';
import { GetRuleHttpController } from './security-group-rules/get-rule/get-rule.http.controller';
import { ListRulesHttpController } from './security-group-rules/list-rules/list-rules.http.controller';
import { CreateSecurityGroupHttpController } from './security-groups/create-security-group/create-security-group.http.controller';
import { DeleteSecurityGroupHttpController } from './security-groups/delete-security-group/delete-security-group.http.controller';
import { GetSecurityGroupHttpController } from './security-groups/get-security-group/get-security-group.http.controller';
import { ListSecurityGroupsHttpController } from './security-groups/list-security-groups/list-security-groups.http.controller';
import { UpdateSecurityGroupHttpController } from './security-groups/update-security-group/update-security-group.http.controller';

/**
 * The Neutron v2.0 face (`/v2.0/...`): routes, the parser of Neutron's requests and the presenter
 * of its answers, over the same application core as /v1. Authenticated by the tokens of the
 * Keystone subset (IdentityModule).
 */
@Module({
  imports: [IdentityModule],
  controllers: [
    ExtensionsHttpController,
    ListSecurityGroupsHttpController,
    CreateSecurityGroupHttpController,
    GetSecurityGroupHttpController,
    UpdateSecurityGroupHttpController,
    DeleteSecurityGroupHttpController,
    ListRulesHttpController,
    CreateRuleHttpController,
    GetRuleHttpController,
    DeleteRuleHttpController,
    QuotasHttpController,
    TagsHttpController,
    NetworksHttpController,
  ],
  providers: [TokenGuard],
})
export class NeutronModule {}
