import {
  evolveHypervisor,
  evolveInstance,
  evolveOperation,
  evolveQuota,
  initialQuotaState,
  QuotaEvent,
  QuotaState,
  evolveSecurityGroup,
  evolveVpc,
  HypervisorEvent,
  HypervisorState,
  initialHypervisorState,
  initialInstanceState,
  initialOperationState,
  initialSecurityGroupState,
  initialVpcState,
  InstanceEvent,
  InstanceState,
  OperationEvent,
  OperationState,
  SecurityGroupEvent,
  SecurityGroupState,
  VpcEvent,
  VpcState,
} from '@sg/domain';
import type { EventFamily } from '../events/event-registry';
import { HypervisorEvents, InstanceEvents, OperationEvents, QuotaEvents, SecurityGroupEvents, VpcEvents } from '../events/events';

/** What it takes to rebuild an aggregate from its stream: its events (stream type and decoder), evolve, and the state before the first event. */
export interface AggregateType<S, E extends { type: string; data: unknown }> {
  readonly events: EventFamily<E>;
  readonly evolve: (state: S, event: E) => S;
  readonly initial: () => S;
}

export const VpcAggregate: AggregateType<VpcState, VpcEvent> = { events: VpcEvents, evolve: evolveVpc, initial: initialVpcState };
export const SecurityGroupAggregate: AggregateType<SecurityGroupState, SecurityGroupEvent> = { events: SecurityGroupEvents, evolve: evolveSecurityGroup, initial: initialSecurityGroupState };
export const InstanceAggregate: AggregateType<InstanceState, InstanceEvent> = { events: InstanceEvents, evolve: evolveInstance, initial: initialInstanceState };
export const HypervisorAggregate: AggregateType<HypervisorState, HypervisorEvent> = { events: HypervisorEvents, evolve: evolveHypervisor, initial: initialHypervisorState };
export const QuotaAggregate: AggregateType<QuotaState, QuotaEvent> = { events: QuotaEvents, evolve: evolveQuota, initial: initialQuotaState };
export const OperationAggregate: AggregateType<OperationState, OperationEvent> = { events: OperationEvents, evolve: evolveOperation, initial: initialOperationState };
