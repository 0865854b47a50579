import { INestApplicationContext, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '@sg/infra';
import { WorkerModule } from './worker.module';

/** The worker as an application context (no HTTP); used by main.ts and by tests in-process. */
export async function createWorker(config: AppConfig, options: { logger?: LogLevel[] } = {}): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: options.logger ?? ['error', 'warn', 'log'] });
  await app.init();
  return app;
}
