import { Module } from '@nestjs/common';
import { GroupChanges } from './group-changes.service';
import { GROUP_CONTROLLERS, GROUP_HANDLERS } from './group-use-cases';
import { RULE_CONTROLLERS, RULE_HANDLERS } from './rule-use-cases';

@Module({
  controllers: [...GROUP_CONTROLLERS, ...RULE_CONTROLLERS],
  providers: [GroupChanges, ...GROUP_HANDLERS, ...RULE_HANDLERS],
})
export class SecurityGroupsModule {}
