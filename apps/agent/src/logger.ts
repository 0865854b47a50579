import { createLogger, type Logger } from '@sg/observability';
import type { AgentConfig } from './config/agent-config';

/** Fields beside the message: request ids, revisions, durations (JSON keys in the log line). */
export type LogFields = Record<string, unknown>;

export interface AgentLogger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  /** Probes and scrapes: written only with LOG_LEVEL=debug. */
  debug?(message: string, fields?: LogFields): void;
}

/** The agent's logger over pino: JSON lines naming the hypervisor (many agents often share one log), or pretty text at a terminal. */
export function agentLogger(config: Pick<AgentConfig, 'hypervisorId' | 'log'>): AgentLogger {
  return fromPino(createLogger({ service: 'agent', level: config.log.level, format: config.log.format, base: { hypervisorId: config.hypervisorId } }));
}

export function fromPino(logger: Logger): AgentLogger {
  return {
    info: (message, fields) => logger.info(fields ?? {}, message),
    warn: (message, fields) => logger.warn(fields ?? {}, message),
    debug: (message, fields) => logger.debug(fields ?? {}, message),
  };
}

export const silentLogger: AgentLogger = { info: () => undefined, warn: () => undefined };
