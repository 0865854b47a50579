// Logs, metrics and health, shared by the API, the worker and the (sealed) agent: pino and
// prom-client only, no framework, so the agent may load it.
export * from './logger';
export * from './metrics';
export * from './readiness';
