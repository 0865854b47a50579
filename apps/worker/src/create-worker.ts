import { INestApplicationContext, LogLevel, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '@sg/infra';
import { Logger, LoggerModule } from 'nestjs-pino';
import { workerLogging } from './platform/observability/logging';
import { WorkerModule } from './worker.module';

/** The worker with its logging (nestjs-pino over the worker's pino logger). */
@Module({})
class WorkerRootModule {}

/**
 * The worker as an application context with its own small HTTP listener (health, readiness,
 * metrics); used by main.ts and by tests in-process. `logger` lowers the log level below the
 * configured one: the tests keep only errors.
 */
export async function createWorker(config: AppConfig, options: { logger?: LogLevel[] } = {}): Promise<INestApplicationContext> {
  const level = options.logger === undefined || options.logger.includes('log') ? config.log.level : options.logger.includes('warn') ? 'warn' : 'error';
  const root = { module: WorkerRootModule, imports: [LoggerModule.forRoot(workerLogging(config.log, level)), WorkerModule.forRoot(config)] };
  const app = await NestFactory.createApplicationContext(root, { bufferLogs: true });
  app.useLogger(withoutStartupNoise(app.get(Logger)));
  await app.init();
  return app;
}

/** Nest's own start-up lines (each module loaded) are noise at info; the worker's own pass. */
function withoutStartupNoise(logger: Logger): Logger {
  const log = logger.log.bind(logger);
  logger.log = (message: unknown, ...params: unknown[]) => {
    if (params.length > 0 && ['NestFactory', 'InstanceLoader', 'NestApplicationContext'].includes(String(params[params.length - 1]))) return;
    log(message, ...params);
  };
  return logger;
}
