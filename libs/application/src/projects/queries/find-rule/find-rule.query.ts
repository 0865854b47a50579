import { Query } from '@nestjs/cqrs';
import type { Rule } from '@sg/domain';
import type { GroupRecord } from '../../../ports/read-models/security-groups.read-model';
import type { Caller } from '../../../write-path/actor';

export interface RuleReading {
  rule: Rule;
  group: GroupRecord;
}

/** One rule by its id, with its group; null when there is none the caller may see. */
export class FindRuleQuery extends Query<RuleReading | null> {
  constructor(
    readonly caller: Caller,
    readonly ruleId: string,
  ) {
    super();
  }
}
