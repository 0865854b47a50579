export * from './queues';
export * from './desired-state';
export * from './hypervisor-states';
export * from './agent-client';
export * from './notifications';
export * from './agent-url-policy';
