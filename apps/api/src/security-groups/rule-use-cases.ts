import type { Type } from '@nestjs/common';
import { AddRulesHandler } from './commands/add-rules/add-rules.handler';
import { AddRulesHttpController } from './commands/add-rules/add-rules.http.controller';
import { RemoveRuleHandler } from './commands/remove-rule/remove-rule.handler';
import { RemoveRuleHttpController } from './commands/remove-rule/remove-rule.http.controller';
import { RemoveRulesHandler } from './commands/remove-rules/remove-rules.handler';
import { RemoveRulesHttpController } from './commands/remove-rules/remove-rules.http.controller';
import { ReplaceRulesHandler } from './commands/replace-rules/replace-rules.handler';
import { ReplaceRulesHttpController } from './commands/replace-rules/replace-rules.http.controller';

/** The rule use cases (add, remove, replace), one folder each under commands/. */
export const RULE_CONTROLLERS: Type<unknown>[] = [AddRulesHttpController, RemoveRuleHttpController, RemoveRulesHttpController, ReplaceRulesHttpController];
export const RULE_HANDLERS: Type<unknown>[] = [AddRulesHandler, RemoveRuleHandler, RemoveRulesHandler, ReplaceRulesHandler];
