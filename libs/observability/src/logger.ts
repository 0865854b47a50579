import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogFormat, LogLevelName } from '@sg/config';

export type { Logger } from 'pino';

export interface LoggerOptions {
  /** `api`, `worker` or `agent`: every line names the process that wrote it. */
  service: string;
  level: LogLevelName;
  format: LogFormat;
  /** More fields on every line (the agent's hypervisor id). */
  base?: Record<string, unknown>;
  /** Where the lines go; stdout by default. Tests pass a stream of their own. */
  destination?: DestinationStream;
  /** Whether stdout is a terminal, for `auto`; `process.stdout.isTTY` by default. */
  terminal?: boolean;
}

/**
 * Secrets that could reach a log line by accident (an error carrying a request's headers, say):
 * pino replaces them wherever they appear at these paths. The access log itself never writes
 * headers or query strings with secrets in them (redactUrl), this is the second line.
 */
export const REDACTED_PATHS = [
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  '*.authorization',
  'token',
  '*.token',
  'apiKey',
  '*.apiKey',
  'ticket',
  '*.ticket',
];

/**
 * The process's root logger: one JSON object per line (for log shippers; `grep <request id>`
 * finds every line of a change), or coloured text for a person at a terminal. Written
 * synchronously, so the lines of a process that exits are never lost.
 */
export function createLogger(options: LoggerOptions): Logger {
  const pretty = options.format === 'pretty' || (options.format === 'auto' && (options.terminal ?? process.stdout.isTTY === true));
  const destination = options.destination ?? (pretty ? prettyStream() : pino.destination({ dest: 1, sync: true }));
  return pino(
    {
      level: options.level,
      base: { service: options.service, pid: process.pid, ...options.base },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination,
  );
}

function prettyStream(): DestinationStream {
  // Loaded only when asked for: JSON is the production format.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pretty = require('pino-pretty') as (options: Record<string, unknown>) => DestinationStream;
  return pretty({ colorize: true, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service', singleLine: true });
}

const SECRET_PARAMETERS = /^(ticket|token|key|api_?key|access_token)$/i;

/** A request target as a log may show it: the values of parameters that carry secrets (a stream ticket) replaced. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // a malformed name is logged as sent
      }
      return eq >= 0 && SECRET_PARAMETERS.test(decoded) ? `${name}=[redacted]` : pair;
    })
    .join('&');
  return `${url.slice(0, q)}?${query}`;
}
