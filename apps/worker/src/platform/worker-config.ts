/** Injection token of the validated configuration (loadAppConfig, read once in main.ts). */
export const WORKER_CONFIG = Symbol('WORKER_CONFIG');
