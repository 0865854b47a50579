import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LogLevelName, LogSettings } from '@sg/config';
import { createLogger, redactUrl } from '@sg/observability';
import type { Params } from 'nestjs-pino';

/**
 * Probes and scrapes arrive every few seconds: their access lines are debug, the rest info; a 503
 * (Postgres or Redis away, which the API reports and rides out) is a warning, any other 5xx an error.
 */
const QUIET_PATHS = new Set(['/health', '/health/ready', '/metrics']);

type ApiRequest = IncomingMessage & { requestId?: string; clientRequestId?: string; originalUrl?: string; route?: { path?: string }; baseUrl?: string; principal?: { actor: string } };

/**
 * nestjs-pino's settings for the API: one access line per request, `requestId` on it and on every
 * line logged while the request is handled (the server's own id, which the events' metadata carry;
 * the caller's X-Request-Id is `clientRequestId` on the access line), never a header or a secret in the query (stream tickets).
 */
export function apiLogging(log: LogSettings, level: LogLevelName = log.level): Params {
  const logger = createLogger({ service: 'api', level, format: log.format });
  return {
    pinoHttp: {
      logger,
      genReqId: (req) => (req as ApiRequest).requestId ?? randomUUID(),
      customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
      quietReqLogger: true,
      quietResLogger: true,
      customLogLevel: (req, res, error) =>
        res.statusCode === 503 ? 'warn' : error || res.statusCode >= 500 ? 'error' : QUIET_PATHS.has(pathOf(req as ApiRequest)) ? 'debug' : 'info',
      customSuccessMessage: () => 'request completed',
      customErrorMessage: () => 'request failed',
      customSuccessObject: (req, res, value: { durationMs?: number }) => accessLine(req as ApiRequest, res, value.durationMs),
      // pino-http makes up an Error for every 5xx; the real one, with its stack, is logged by
      // the ProblemFilter on a line of its own (same requestId).
      customErrorObject: (req, res, _error, value: { durationMs?: number }) => accessLine(req as ApiRequest, res, value.durationMs),
    },
  };
}

function pathOf(req: ApiRequest): string {
  return (req.originalUrl ?? req.url ?? '/').split('?')[0];
}

function accessLine(req: ApiRequest, res: ServerResponse, durationMs: number | undefined) {
  return {
    method: req.method,
    url: redactUrl(req.originalUrl ?? req.url ?? '/'),
    route: req.route?.path ? `${req.baseUrl ?? ''}${req.route.path}` : undefined,
    status: res.statusCode,
    durationMs,
    actor: req.principal?.actor,
    clientRequestId: req.clientRequestId,
    remoteAddress: req.socket?.remoteAddress,
  };
}
