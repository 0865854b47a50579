import { INestApplication, LogLevel, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '@sg/infra';
import { timeRequest } from '@sg/observability';
import express from 'express';
import { Logger, LoggerModule } from 'nestjs-pino';
import { AppModule } from './app.module';
import { KeystoneTokens } from './identity/keystone-tokens';
import { TokenRequestLimits } from './identity/token-request-limits';
import { OpenStreams } from './platform/lifecycle/open-streams';
import { ApiMetrics } from './platform/observability/api-metrics';
import { apiLogging } from './platform/observability/logging';
import { ObservabilityModule } from './platform/observability/observability.module';
import { installBodyParsing } from './platform/http/body-parsing';
import { requestGate } from './platform/http/request-gate';
import { answerClientErrorsAsProblems } from './platform/http/client-errors';
import { rejectUnstorablePaths, requestIdMiddleware } from './platform/http/request-context';
import { installOpenApi } from './platform/http/openapi';

/** The application with what surrounds it: structured logs (nestjs-pino), metrics, open-stream tracking. */
@Module({})
class ApiRootModule {}

/**
 * Builds the API application (used by main.ts and by the e2e tests, which listen on port 0).
 * `logger` lowers the log level below the configured one: the tests keep only errors.
 */
export async function createApi(config: AppConfig, options: { logger?: LogLevel[] } = {}): Promise<INestApplication> {
  const level = options.logger === undefined || options.logger.includes('log') ? config.log.level : options.logger.includes('warn') ? 'warn' : 'error';
  const root = { module: ApiRootModule, imports: [LoggerModule.forRoot(apiLogging(config.log, level)), ObservabilityModule, AppModule.forRoot(config)] };
  const app = await NestFactory.create<NestExpressApplication>(root, { bodyParser: false, bufferLogs: true });
  // Nest's own start-up lines (each module, each route) are noise at info; warnings and errors pass.
  app.useLogger(quietNestStartup(app.get(Logger)));
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
  const metrics = app.get(ApiMetrics);
  // The route template is known once the router matched: asked when the response closes.
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
    timeRequest(metrics.http, req, res, () => (req.route?.path ? `${req.baseUrl}${req.route.path}` : undefined));
    next();
  });
  app.use(app.get(OpenStreams).middleware);
  app.use(rejectUnstorablePaths);
  // Who is calling, and whether they may, before a byte of the body is read.
  app.use(requestGate(config, { tokens: app.get(KeystoneTokens), tokenRequests: app.get(TokenRequestLimits) }));
  installBodyParsing(app, express);
  installOpenApi(app);
  answerClientErrorsAsProblems(app.getHttpServer());
  return app;
}

const STARTUP_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/** Drops Nest's informational start-up lines, passing everything else to the pino logger. */
function quietNestStartup(logger: Logger): Logger {
  const log = logger.log.bind(logger);
  logger.log = (message: unknown, ...params: unknown[]) => {
    if (params.length > 0 && STARTUP_CONTEXTS.has(String(params[params.length - 1]))) return;
    log(message, ...params);
  };
  return logger;
}

