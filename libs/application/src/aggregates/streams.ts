/** Stream ids are the resource ids (their prefixes keep them apart), except caller-chosen hypervisor ids. */
export const StreamIds = {
  hypervisor: (id: string) => `hypervisor:${id}`,
  quota: (tenant: string) => `quota:${tenant}`,
} as const;

export const StreamTypes = {
  vpc: 'vpc',
  securityGroup: 'security-group',
  instance: 'instance',
  hypervisor: 'hypervisor',
  operation: 'operation',
  quota: 'quota',
} as const;
