import {
  HypervisorEvent,
  isProtocol,
  HypervisorEventTypes as H,
  InstanceEvent,
  InstanceEventTypes as I,
  OperationEvent,
  OperationEventTypes as O,
  QuotaEvent,
  QuotaEventTypes as Q,
  SecurityGroupEvent,
  SecurityGroupEventTypes as G,
  VpcEvent,
  VpcEventTypes as V,
} from '@sg/domain';
import { StreamTypes } from '../aggregates/streams';
import { arrayOf, boolean, integer, nullable, object, oneOf, optional, string, stringMap } from './decoders';
import { EventFamily, EventRegistry } from './event-registry';

/*
 * Every stored event type: its schema version, the check of its payload and its upcasters.
 * Changing a shape: raise its schemaVersion, add `upcasters: { <old version>: (data) => newData }`,
 * and make the decoder check the new shape. The store writes new events in the new version and
 * upcasts old ones on every read, for the API, the worker and `projections:rebuild` alike.
 */

const strings = arrayOf(string);

/** tcp, udp, icmp, icmpv6, all, or any other IP protocol by name or number (a widening: older events fit). */
const protocol = (v: unknown, path: string): string => (isProtocol(v) ? (v as string) : oneOf('tcp', 'udp', 'icmp', 'icmpv6', 'all')(v, path));
const neutron = optional(oneOf('neutron'));

const rule = object({
  id: string,
  direction: oneOf('inbound', 'outbound'),
  protocol,
  portRange: nullable(object({ from: integer, to: integer })),
  icmp: nullable(object({ type: integer, code: nullable(integer) })),
  ipVersion: oneOf('IPv4', 'IPv6'),
  remote: nullable(string),
  remoteGroupId: nullable(string),
  description: string,
});

export const VpcEvents = new EventFamily<VpcEvent>(StreamTypes.vpc, {
  [V.Created]: { schemaVersion: 1, decode: object({ vpcId: string, tenant: string, name: string, cidr: nullable(string), defaultSecurityGroupId: string, conventions: neutron, at: string }) },
  [V.Deleted]: { schemaVersion: 1, decode: object({ vpcId: string, at: string }) },
});

export const SecurityGroupEvents = new EventFamily<SecurityGroupEvent>(StreamTypes.securityGroup, {
  [G.Created]: {
    schemaVersion: 1,
    decode: object({ groupId: string, vpcId: string, tenant: string, name: string, description: string, tags: stringMap, isDefault: boolean, conventions: neutron, at: string }),
  },
  [G.Updated]: { schemaVersion: 1, decode: object({ groupId: string, name: optional(string), description: optional(string), tags: optional(stringMap), at: string }) },
  [G.RulesAdded]: { schemaVersion: 1, decode: object({ groupId: string, rules: arrayOf(rule), at: string }) },
  [G.RulesRemoved]: { schemaVersion: 1, decode: object({ groupId: string, ruleIds: strings, at: string }) },
  [G.RulesReplaced]: { schemaVersion: 1, decode: object({ groupId: string, removedRuleIds: strings, added: arrayOf(rule), at: string }) },
  [G.AppliedToChanged]: {
    schemaVersion: 1,
    decode: object({ groupId: string, instanceIdsAdded: strings, instanceIdsRemoved: strings, cidrsAdded: strings, cidrsRemoved: strings, at: string }),
  },
  [G.Deleted]: { schemaVersion: 1, decode: object({ groupId: string, detachedInstanceIds: strings, detachedCidrs: strings, at: string }) },
});

export const InstanceEvents = new EventFamily<InstanceEvent>(StreamTypes.instance, {
  [I.Registered]: {
    schemaVersion: 1,
    decode: object({ instanceId: string, tenant: string, vpcId: string, hypervisorId: string, name: string, ipv4: nullable(string), ipv6: nullable(string), at: string }),
  },
  [I.Moved]: { schemaVersion: 1, decode: object({ instanceId: string, fromHypervisorId: string, toHypervisorId: string, at: string }) },
  [I.Deleted]: { schemaVersion: 1, decode: object({ instanceId: string, hypervisorId: string, at: string }) },
});

export const HypervisorEvents = new EventFamily<HypervisorEvent>(StreamTypes.hypervisor, {
  [H.Registered]: { schemaVersion: 1, decode: object({ hypervisorId: string, agentUrl: string, at: string }) },
  [H.AgentUrlChanged]: { schemaVersion: 1, decode: object({ hypervisorId: string, agentUrl: string, at: string }) },
});

export const OperationEvents = new EventFamily<OperationEvent>(StreamTypes.operation, {
  [O.Queued]: {
    schemaVersion: 1,
    decode: object({
      operationId: string,
      tenant: string,
      operationType: string,
      resource: object({ type: oneOf('security-group', 'instance', 'vpc', 'hypervisor'), id: string }),
      summary: string,
      changePosition: nullable(string),
      targets: arrayOf(object({ hypervisorId: string, instanceIds: strings })),
      force: optional(boolean),
      at: string,
    }),
  },
  [O.Started]: { schemaVersion: 1, decode: object({ operationId: string, at: string }) },
  [O.TargetAttemptFailed]: {
    schemaVersion: 1,
    decode: object({ operationId: string, hypervisorId: string, attempt: integer, error: string, nextAttemptAt: nullable(string), at: string }),
  },
  [O.TargetSucceeded]: { schemaVersion: 1, decode: object({ operationId: string, hypervisorId: string, attempts: integer, appliedRevision: integer, at: string }) },
  [O.TargetFailed]: { schemaVersion: 1, decode: object({ operationId: string, hypervisorId: string, attempts: integer, error: string, at: string }) },
  [O.TargetConverged]: { schemaVersion: 1, decode: object({ operationId: string, hypervisorId: string, appliedRevision: integer, at: string }) },
  [O.Succeeded]: { schemaVersion: 1, decode: object({ operationId: string, at: string }) },
  [O.Failed]: { schemaVersion: 1, decode: object({ operationId: string, at: string }) },
  [O.RetryRequested]: { schemaVersion: 1, decode: object({ operationId: string, hypervisorIds: strings, actor: string, at: string }) },
});

export const QuotaEvents = new EventFamily<QuotaEvent>(StreamTypes.quota, {
  [Q.Set]: { schemaVersion: 1, decode: object({ tenant: string, securityGroups: optional(integer), securityGroupRules: optional(integer), at: string }) },
  [Q.Reset]: { schemaVersion: 1, decode: object({ tenant: string, at: string }) },
});

/** The registry every event store of the system is built with (createEventStore in libs/infra). */
export const EVENT_REGISTRY = new EventRegistry([VpcEvents, SecurityGroupEvents, InstanceEvents, HypervisorEvents, OperationEvents, QuotaEvents]);
