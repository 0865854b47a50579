export * from './page';
export * from './security-groups.read-model';
export * from './vpcs.read-model';
export * from './instances.read-model';
export * from './hypervisors.read-model';
export * from './operations.read-model';
export * from './findings.read-model';
