/** The rule use cases (add, remove, replace), one folder each under commands/. */
export const RULE_CONTROLLERS: any[] = [];
export const RULE_HANDLERS: any[] = [];
