import type { LogLevelName, LogSettings } from '@sg/config';
import { createLogger } from '@sg/observability';
import type { Params } from 'nestjs-pino';

/** nestjs-pino's settings for the worker: the root logger every Nest Logger line goes through (no HTTP middleware here). */
export function workerLogging(log: LogSettings, level: LogLevelName = log.level): Params {
  return { pinoHttp: { logger: createLogger({ service: 'worker', level, format: log.format }) } };
}
