import { checkAddressQuota, Direction, Issues, Limits, NormalizedRule, parseDescription, parseName, parseTags, Tags } from '@sg/domain';
import { countRuleInputAddresses } from './rule-input/address-count';
import { readCidrField } from '../parsing/cidr-field';
import { RuleInputContext } from './rule-input/rule-input';
import { normalizeRuleInputs } from './rule-input/rule-input.normalize';
import { asId, asObject, asStringArray, join } from '../parsing/json-input';

/** Parsed request bodies of the /v1 security-group endpoints. */
export interface AppliedToInput {
  instanceIds: string[];
  cidrs: string[];
}

export interface CreateSecurityGroupInput {
  vpcId: string;
  name?: string;
  description: string;
  tags: Tags;
  rules: NormalizedRule[];
  applyTo: AppliedToInput;
  warnings: string[];
}

export interface UpdateSecurityGroupInput {
  name?: string;
  description?: string;
  tags?: Tags;
}

export interface RulesInput {
  rules: NormalizedRule[];
  warnings: string[];
}

const MAX_ATTACHMENTS = 1000;

/** What reading rule inputs needs beside the body: the caller's address (`my-ip`) and the limit on addresses. */
export function ruleInputContext(callerIp: string | null, limits: Limits): RuleInputContext {
  return { callerIp, maxAddresses: limits.addressesPerRequest };
}

/** More addresses than a request may name is a quota (422), found before the body is read for any other fault. */
function checkAddresses(body: unknown, lists: readonly string[], ctx: RuleInputContext): void {
  checkAddressQuota(countRuleInputAddresses(body, lists), ctx.maxAddresses);
}

export function parseCreateSecurityGroupInput(body: unknown, ctx: RuleInputContext): CreateSecurityGroupInput {
  checkAddresses(body, ['rules'], ctx);
  const issues = new Issues();
  const warnings: string[] = [];
  const b = asObject(body, '', issues, ['vpcId', 'name', 'description', 'tags', 'rules', 'applyTo']);
  if (!b) return issues.throwIfAny() as never;
  const vpcId = asId(b.vpcId, 'vpcId', issues, 'vpc-');
  const name = b.name === undefined || b.name === null ? undefined : issues.capture('name', () => parseName(b.name));
  const description = issues.capture('description', () => parseDescription(b.description)) ?? '';
  const tags = parseTags(b.tags, 'tags', issues) ?? {};
  let rules: NormalizedRule[] = [];
  if (b.rules !== undefined) {
    const normalized = normalizeRuleInputs(b.rules, 'rules', ctx, issues);
    rules = normalized.rules;
    warnings.push(...normalized.warnings);
  }
  const applyTo = b.applyTo === undefined ? { instanceIds: [], cidrs: [] } : readAppliedTo(b.applyTo, 'applyTo', issues, warnings, false);
  issues.throwIfAny();
  return { vpcId: vpcId!, name, description, tags, rules, applyTo: applyTo!, warnings };
}

export function parseUpdateSecurityGroupInput(body: unknown): UpdateSecurityGroupInput {
  const issues = new Issues();
  const b = asObject(body, '', issues, ['name', 'description', 'tags']);
  if (!b) return issues.throwIfAny() as never;
  const out: UpdateSecurityGroupInput = {};
  if (b.name !== undefined) out.name = issues.capture('name', () => parseName(b.name));
  if (b.description !== undefined) out.description = issues.capture('description', () => parseDescription(b.description));
  if (b.tags !== undefined) out.tags = parseTags(b.tags, 'tags', issues);
  if (Object.keys(b).length === 0) issues.add('', 'give at least one of name, description, tags');
  issues.throwIfAny();
  return out;
}

/** `POST …/rules {"rules": [...]}`: every item needs its direction. */
export function parseAddRulesInput(body: unknown, ctx: RuleInputContext): RulesInput {
  checkAddresses(body, ['rules'], ctx);
  const issues = new Issues();
  const b = asObject(body, '', issues, ['rules']);
  if (!b) return issues.throwIfAny() as never;
  if (!Array.isArray(b.rules) || b.rules.length === 0) {
    issues.add('rules', 'must be a non-empty array of rules');
    return issues.throwIfAny() as never;
  }
  const { rules, warnings } = normalizeRuleInputs(b.rules, 'rules', ctx, issues);
  issues.throwIfAny();
  return { rules, warnings };
}

/** `PUT …/rules {"inboundRules": [...], "outboundRules": [...]}`: the lists imply the direction. */
export function parseReplaceRulesInput(body: unknown, ctx: RuleInputContext): RulesInput {
  checkAddresses(body, ['inboundRules', 'outboundRules'], ctx);
  const issues = new Issues();
  const b = asObject(body, '', issues, ['inboundRules', 'outboundRules']);
  if (!b) return issues.throwIfAny() as never;
  const rules: NormalizedRule[] = [];
  const warnings: string[] = [];
  let addresses = 0;
  for (const [field, direction] of [['inboundRules', 'inbound'], ['outboundRules', 'outbound']] as [string, Direction][]) {
    const list = b[field] ?? [];
    if (!Array.isArray(list)) {
      issues.add(field, 'must be an array of rules');
      continue;
    }
    const n = normalizeRuleInputs(list, field, { ...ctx, impliedDirection: direction, maxAddresses: ctx.maxAddresses - addresses }, issues);
    addresses += n.rules.length;
    rules.push(...n.rules);
    warnings.push(...n.warnings);
  }
  issues.throwIfAny();
  return { rules, warnings };
}

export function parseRuleIdsInput(body: unknown): string[] {
  const issues = new Issues();
  const b = asObject(body, '', issues, ['ruleIds']);
  const ids = b && asStringArray(b.ruleIds, 'ruleIds', issues, { max: 1000 });
  if (ids && ids.length === 0) issues.add('ruleIds', 'must name at least one rule');
  issues.throwIfAny();
  return ids!;
}

/** `applied-to` bodies; `requireSome` for POST/DELETE, where an empty change means a mistake. */
export function parseAppliedToInput(body: unknown, requireSome: boolean): AppliedToInput & { warnings: string[] } {
  const issues = new Issues();
  const warnings: string[] = [];
  const applied = readAppliedTo(body, '', issues, warnings, requireSome);
  issues.throwIfAny();
  return { ...applied!, warnings };
}

function readAppliedTo(input: unknown, path: string, issues: Issues, warnings: string[], requireSome: boolean): AppliedToInput | undefined {
  const b = asObject(input, path, issues, ['instanceIds', 'cidrs']);
  if (!b) return undefined;
  const instanceIds = b.instanceIds === undefined ? [] : asStringArray(b.instanceIds, join(path, 'instanceIds'), issues, { max: MAX_ATTACHMENTS }) ?? [];
  instanceIds.forEach((id, i) => asId(id, `${join(path, 'instanceIds')}[${i}]`, issues, 'i-'));
  const rawCidrs = b.cidrs === undefined ? [] : Array.isArray(b.cidrs) ? b.cidrs : (issues.add(join(path, 'cidrs'), 'must be an array of CIDRs'), []);
  if (rawCidrs.length > MAX_ATTACHMENTS) issues.add(join(path, 'cidrs'), `at most ${MAX_ATTACHMENTS} entries`);
  const cidrs = rawCidrs
    .slice(0, MAX_ATTACHMENTS)
    .map((c, i) => readCidrField(c, `${join(path, 'cidrs')}[${i}]`, issues, warnings))
    .filter((c): c is string => c !== undefined);
  if (requireSome && instanceIds.length === 0 && rawCidrs.length === 0) issues.add(path, 'give instanceIds or cidrs');
  return { instanceIds: [...new Set(instanceIds)], cidrs: [...new Set(cidrs)] };
}
