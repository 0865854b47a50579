import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { isIdShape } from '../../../aggregates/ids';
import { SecurityGroupReadModel } from '../../../ports/read-models/security-groups.read-model';
import { tenantScope } from '../../../write-path/actor';
import { FindRuleQuery, type RuleReading } from './find-rule.query';

@QueryHandler(FindRuleQuery)
export class FindRuleHandler implements IQueryHandler<FindRuleQuery> {
  constructor(@Inject(SecurityGroupReadModel) private readonly groups: SecurityGroupReadModel) {}

  async execute({ caller, ruleId }: FindRuleQuery): Promise<RuleReading | null> {
    if (!isIdShape(ruleId)) return null;
    const groupId = await this.groups.groupIdOfRule(ruleId);
    const group = groupId === null ? null : await this.groups.find(groupId, tenantScope(caller));
    const rule = group?.rules.find((r) => r.id === ruleId);
    return group && rule ? { rule, group } : null;
  }
}
