import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '@sg/infra';
import express from 'express';
import { AppModule } from './app.module';
import { installBodyParsing } from './platform/http/body-parsing';
import { answerClientErrorsAsProblems } from './platform/http/client-errors';
import { rejectUnstorablePaths, requestIdMiddleware } from './platform/http/request-context';
import { installOpenApi } from './platform/http/openapi';

/** Builds the API application (used by main.ts and by the e2e tests, which listen on port 0). */
export async function createApi(config: AppConfig, options: { logger?: LogLevel[] } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    logger: options.logger ?? ['error', 'warn', 'log'],
  });
  app.set('trust proxy', config.http.trustProxy);
  app.set('x-powered-by', false);
  app.set('etag', false);
  if (config.http.corsOrigins.length > 0 || config.http.corsOrigins === '*') {
    // Keys travel in the Authorization header, never in cookies: no credentials mode is needed.
    app.enableCors({
      origin: config.http.corsOrigins === '*' ? '*' : config.http.corsOrigins,
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'Last-Event-ID', 'X-Request-Id'],
      exposedHeaders: ['ETag', 'Location', 'Operation-Location', 'Link', 'Next-Cursor', 'X-Request-Id', 'Idempotent-Replayed'],
      maxAge: 600,
    });
  }
  app.use(requestIdMiddleware);
  app.use(rejectUnstorablePaths);
  installBodyParsing(app, express);
  installOpenApi(app);
  answerClientErrorsAsProblems(app.getHttpServer());
  return app;
}
