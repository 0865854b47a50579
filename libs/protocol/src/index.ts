// What the worker and the agents share: the shape of a pushed state and how a push is authenticated.
export * from './desired-state';
export * from './agent-token';
export * from './bearer';
export * from './request-ids';
export * from './state-hash';
export * from './agent-credential';
