// Pure settings parsing, shared by the API, the worker and the agent: no framework, no I/O.
export * from './configuration-error';
export * from './env-parsers';
export * from './settings';
export * from './reference';
