export * from './ports/event-store.port';
export * from './ports/event-store.errors';
export * from './aggregates/load-aggregate';
export * from './aggregates/snapshot-cache';
export { withRetry, isRetryableConflict, type RetryOptions } from './aggregates/with-retry';
export { newId } from './aggregates/ids';
export { UpcasterRegistry, type Upcaster } from './events/upcaster-registry';
