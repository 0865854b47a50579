import { Module } from '@nestjs/common';
import { AddAppliedToHttpController } from './add-applied-to/add-applied-to.http.controller';
import { AddRulesHttpController } from './add-rules/add-rules.http.controller';
import { CreateSecurityGroupHttpController } from './create-security-group/create-security-group.http.controller';
import { DeleteSecurityGroupHttpController } from './delete-security-group/delete-security-group.http.controller';
import { GetSecurityGroupHttpController } from './get-security-group/get-security-group.http.controller';
import { ListSecurityGroupsHttpController } from './list-security-groups/list-security-groups.http.controller';
import { RemoveAppliedToHttpController } from './remove-applied-to/remove-applied-to.http.controller';
import { RemoveRuleHttpController } from './remove-rule/remove-rule.http.controller';
import { RemoveRulesHttpController } from './remove-rules/remove-rules.http.controller';
import { ReplaceRulesHttpController } from './replace-rules/replace-rules.http.controller';
import { SetAppliedToHttpController } from './set-applied-to/set-applied-to.http.controller';
import { UpdateSecurityGroupHttpController } from './update-security-group/update-security-group.http.controller';

/** /v1/security-groups: the groups (create, read, list, edit, delete), their rules and what they apply to. */
@Module({
  controllers: [
    CreateSecurityGroupHttpController,
    ListSecurityGroupsHttpController,
    GetSecurityGroupHttpController,
    UpdateSecurityGroupHttpController,
    DeleteSecurityGroupHttpController,
    SetAppliedToHttpController,
    AddAppliedToHttpController,
    RemoveAppliedToHttpController,
    AddRulesHttpController,
    RemoveRuleHttpController,
    RemoveRulesHttpController,
    ReplaceRulesHttpController,
  ],
})
export class SecurityGroupsModule {}
