import type { components } from './openapi.gen';

type Schemas = components['schemas'];
export type SecurityGroup = Schemas['SecurityGroupResponse'];
export type Rule = Schemas['RuleResponse'];
export type RuleInput = Schemas['RuleInputRequest'];
export type Vpc = Schemas['VpcResponse'];
export type Instance = Schemas['InstanceResponse'];
export type Hypervisor = Schemas['HypervisorResponse'];
export type Operation = Schemas['OperationResponse'];
export type OperationRef = Schemas['OperationRefResponse'];
export type GroupEvent = Schemas['EventResponse'];
export type Queue = Schemas['QueueResponse'];
export type QueueJob = Schemas['QueueJobResponse'];
export type Principal = Schemas['PrincipalResponse'];
export type Direction = 'inbound' | 'outbound';
export type Finding = Schemas['FindingResponse'];
export type GroupChange = Schemas['GroupChangeResponse'];
