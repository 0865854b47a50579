import fc from 'fast-check';
import { validBodies } from './valid-bodies';

/** What a path parameter names, so the fuzz can put the world's current id (or a stranger's) there. */
export type IdKind = 'vpc' | 'group' | 'instance' | 'hypervisor' | 'operation' | 'rule';

export interface WriteEndpoint {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The contract's path, `{id}` and `{ruleId}` as placeholders. */
  template: string;
  params: IdKind[];
  /** `agent`: the credential of the world's first hypervisor's agent (only an agent registers its URL). */
  who: 'member' | 'operator' | 'agent';
  /** A valid body (with placeholders); absent when the endpoint takes none. */
  body?: fc.Arbitrary<unknown>;
  /** A success may delete or use up a fixture: heal the world afterwards. */
  consumes?: boolean;
}

/** Every write endpoint of the /v1 contract. */
export const WRITE_ENDPOINTS: WriteEndpoint[] = [
  { method: 'POST', template: '/v1/vpcs', params: [], who: 'member', body: validBodies.createVpc },
  { method: 'DELETE', template: '/v1/vpcs/{id}', params: ['vpc'], who: 'member', consumes: true },
  { method: 'PUT', template: '/v1/hypervisors/{id}', params: ['hypervisor'], who: 'agent', body: validBodies.registerHypervisor },
  { method: 'POST', template: '/v1/hypervisors/{id}/resync', params: ['hypervisor'], who: 'operator' },
  { method: 'POST', template: '/v1/instances', params: [], who: 'member', body: validBodies.registerInstance },
  { method: 'PATCH', template: '/v1/instances/{id}', params: ['instance'], who: 'member', body: validBodies.moveInstance },
  { method: 'DELETE', template: '/v1/instances/{id}', params: ['instance'], who: 'member', consumes: true },
  { method: 'POST', template: '/v1/instances/{id}/flow-check', params: ['instance'], who: 'member', body: validBodies.flowCheck },
  { method: 'POST', template: '/v1/security-groups', params: [], who: 'member', body: validBodies.createGroup },
  { method: 'PATCH', template: '/v1/security-groups/{id}', params: ['group'], who: 'member', body: validBodies.updateGroup },
  { method: 'DELETE', template: '/v1/security-groups/{id}', params: ['group'], who: 'member', consumes: true },
  { method: 'POST', template: '/v1/security-groups/{id}/rules', params: ['group'], who: 'member', body: validBodies.addRules },
  { method: 'PUT', template: '/v1/security-groups/{id}/rules', params: ['group'], who: 'member', body: validBodies.replaceRules, consumes: true },
  { method: 'DELETE', template: '/v1/security-groups/{id}/rules', params: ['group'], who: 'member', body: validBodies.removeRules, consumes: true },
  { method: 'DELETE', template: '/v1/security-groups/{id}/rules/{ruleId}', params: ['group', 'rule'], who: 'member', consumes: true },
  { method: 'PUT', template: '/v1/security-groups/{id}/applied-to', params: ['group'], who: 'member', body: validBodies.appliedTo },
  { method: 'POST', template: '/v1/security-groups/{id}/applied-to', params: ['group'], who: 'member', body: validBodies.appliedTo },
  { method: 'DELETE', template: '/v1/security-groups/{id}/applied-to', params: ['group'], who: 'member', body: validBodies.appliedTo },
  { method: 'POST', template: '/v1/operations/{id}/retry', params: ['operation'], who: 'operator', consumes: true },
];

export const nameOf = (e: Pick<WriteEndpoint, 'template'> & { method: string }) => `${e.method} ${e.template}`;
