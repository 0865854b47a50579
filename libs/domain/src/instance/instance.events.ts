export const InstanceEventTypes = {
  Registered: 'instance.registered',
  Moved: 'instance.moved',
  Deleted: 'instance.deleted',
} as const;

export interface InstanceRegistered {
  type: typeof InstanceEventTypes.Registered;
  data: { instanceId: string; tenant: string; vpcId: string; hypervisorId: string; name: string; ipv4: string | null; ipv6: string | null; at: string };
}

export interface InstanceMoved {
  type: typeof InstanceEventTypes.Moved;
  data: { instanceId: string; fromHypervisorId: string; toHypervisorId: string; at: string };
}

export interface InstanceDeleted {
  type: typeof InstanceEventTypes.Deleted;
  data: { instanceId: string; hypervisorId: string; at: string };
}

export type InstanceEvent = InstanceRegistered | InstanceMoved | InstanceDeleted;
