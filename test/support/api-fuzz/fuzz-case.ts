import fc from 'fast-check';
import type { FuzzWorld } from './fuzz-world';
import { Mutation, mutatedText, mutation } from './mutations';
import { bearer, RawRequest } from './raw-http';
import { Placeholder, resolve } from './valid-bodies';
import { LONG_STRINGS, UNICODE_STRINGS } from './weird-values';
import { agentCredential } from '../../../libs/protocol/src/agent-credential';
import { DEV_AGENT_TOKEN } from '../../../libs/protocol/src/agent-token';
import type { IdKind, WriteEndpoint } from './write-endpoints';

type BodyCase = { kind: 'mutated'; base: unknown; mutations: Mutation[] } | { kind: 'raw'; text: string } | { kind: 'none' };
type ParamCase = { kind: 'own' } | { kind: 'stranger'; pick: number } | { kind: 'garbage'; segment: string };

/** One generated request, as data: printable and shrinkable by fast-check. */
export interface FuzzCase {
  body: BodyCase;
  params: ParamCase[];
  headers: Record<string, string>;
}

/** Bodies that are not JSON, or JSON of the wrong shape entirely. */
const RAW_BODIES = [
  '', ' ', 'null', '[]', '"text"', '42', 'true', '{', '{"name":', '{"name": "x",}', "{'name': 'x'}", '{"a": NaN}', '{"a": 1e999}',
  'not json', '<vpc><name>x</name></vpc>', 'name=x&cidr=10.0.0.0/16', '\u0000', '\ufeff{"name": "x"}', '{"name": "x"} trailing',
  '{"name": "x"}{"name": "y"}', '[{"name": "x"}]', '{"name": "\\ud800"}', '{"\\u0000": 1}', `{"name": "${'\\u0000'.repeat(3)}"}`, '\t\n\r ',
  `{"name": "${'x'.repeat(1024 * 1024 + 1)}"}`,
];

const CONTENT_TYPES = [
  'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json; charset=utf-16',
  'application/json; charset=latin1', 'application/merge-patch+json', 'application/problem+json', '*/*', 'garbage', '',
];

const HEADER_CASES: fc.Arbitrary<Record<string, string>> = fc.oneof(
  { weight: 10, arbitrary: fc.constant({}) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('"abc"', '*', 'W/"1"', '"1"', '"2"', '"99999999999"', '"-1"', '""', 'x'.repeat(1000), '"1", "2"', '"1.5"', '\u00e9', ' ', '"0"', '1').map((v) => ({ 'if-match': v })),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom('k'.repeat(300), 'k'.repeat(256), 'k'.repeat(255), ' ', 'with space', 'cl\u00e9', 'fuzz-key-1', 'fuzz-key-2', '"quoted"').map((v) => ({ 'idempotency-key': v })),
  },
  { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES).map((v) => ({ 'content-type': v })) },
  { weight: 1, arbitrary: fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-unknown').map((v) => ({ 'content-encoding': v })) },
  { weight: 1, arbitrary: fc.constantFrom('Bearer ', 'Basic YTpi', 'Bearer ' + 'x'.repeat(5000), 'bearer  spaced', 'Bearer member-key-demo-0001 extra').map((v) => ({ authorization: v })) },
);

const PATH_GARBAGE = ['%00', '%ZZ', '%', '%2e%2e', '..', '.', 'a%2Fb', '%2F', ';', '%20', '+', '%E2%80%AE', '%ED%A0%80', '%F0%9F%94%A5', 'ID-UPPER', 'sg-', 'i-', 'op-', 'vpc-'];

const garbageSegment = fc.oneof(
  fc.constantFrom(...PATH_GARBAGE),
  fc.constantFrom(...UNICODE_STRINGS, ...LONG_STRINGS.slice(0, 3)).map(encodeSegment),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).map(encodeSegment),
);

const paramCase: fc.Arbitrary<ParamCase> = fc.oneof(
  { weight: 12, arbitrary: fc.constant({ kind: 'own' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('stranger' as const), pick: fc.nat(20) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('garbage' as const), segment: garbageSegment }) },
);

export function fuzzCase(endpoint: WriteEndpoint): fc.Arbitrary<FuzzCase> {
  const someJson = endpoint.body ?? fc.jsonValue({ maxDepth: 2 });
  const body: fc.Arbitrary<BodyCase> = fc.oneof(
    { weight: endpoint.body ? 10 : 2, arbitrary: fc.record({ kind: fc.constant('mutated' as const), base: someJson, mutations: fc.array(mutation(), { maxLength: 3 }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('raw' as const), text: fc.constantFrom(...RAW_BODIES) }) },
    { weight: endpoint.body ? 1 : 8, arbitrary: fc.constant({ kind: 'none' as const }) },
  );
  return fc.record({ body, params: fc.tuple(...endpoint.params.map(() => paramCase)), headers: HEADER_CASES });
}

/** The request a case stands for, with the world's ids as they are now. */
export function toRequest(endpoint: WriteEndpoint, c: FuzzCase, world: FuzzWorld): RawRequest {
  let path = endpoint.template;
  endpoint.params.forEach((kind, i) => {
    const p = c.params[i];
    const segment = p.kind === 'own' ? ownId(world, kind) : p.kind === 'stranger' ? world.strangerIds[p.pick % world.strangerIds.length] : p.segment;
    path = path.replace(/\{\w+\}/, p.kind === 'garbage' ? segment : encodeURIComponent(segment));
  });
  const headers: Record<string, string> = endpoint.who === 'agent' ? { authorization: `Bearer ${agentCredential(DEV_AGENT_TOKEN, world.hypervisorIds[0])}` } : { ...bearer(endpoint.who) };
  let text: string | undefined;
  if (c.body.kind === 'raw') text = c.body.text;
  const body = c.body;
  if (body.kind === 'mutated') text = capped(() => mutatedText(resolve(body.base, placeholders(world)), body.mutations));
  if (text !== undefined) headers['content-type'] = 'application/json';
  return { method: endpoint.method, path, headers: { ...headers, ...c.headers }, body: text };
}

function ownId(world: FuzzWorld, kind: IdKind): string {
  switch (kind) {
    case 'vpc':
      return world.vpcId;
    case 'group':
      return world.groupId;
    case 'instance':
      return world.instanceId;
    case 'hypervisor':
      return world.hypervisorIds[0];
    case 'operation':
      return world.failedOperationId;
    case 'rule':
      return world.ruleIds[0] ?? 'sgr-none';
  }
}

function placeholders(world: FuzzWorld): Record<Placeholder, () => string> {
  return {
    $vpc: () => world.vpcId,
    $group: () => world.groupId,
    $refGroup: () => world.referencedGroupId,
    $instance: () => world.instanceId,
    $rule: () => world.ruleIds[0] ?? 'sgr-none',
    $hv: () => world.hypervisorIds[0],
    $hv2: () => world.hypervisorIds[1],
    $addr: () => world.freshAddress(),
    $op: () => world.failedOperationId,
  };
}

/**
 * Bodies past a few MiB only test the network; the 413 path is reached by 1 MiB + 1 already. Two
 * 5,000-fold repeats of a long string do not even fit in a string (RangeError): the same 413 case.
 */
function capped(make: () => string): string {
  let text: string | null;
  try {
    text = make();
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    text = null;
  }
  return text !== null && text.length <= 2 * 1024 * 1024 ? text : `{"name": "${'x'.repeat(1024 * 1024 + 1)}"}`;
}

/** A lone surrogate has no UTF-8: send the bytes a careless encoder would (CESU-8). */
function encodeSegment(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80' + encodeURIComponent(s.replace(/[\ud800-\udfff]/g, ''));
  }
}
