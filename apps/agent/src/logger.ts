export interface AgentLogger {
  info(message: string): void;
  warn(message: string): void;
}

/** One line per event, prefixed with the hypervisor: many agents often share one terminal or CI log. */
export function consoleLogger(hypervisorId: string): AgentLogger {
  const line = (level: string, message: string) => `${new Date().toISOString()} ${level} [agent ${hypervisorId}] ${message}`;
  return {
    info: (message) => console.log(line('info', message)),
    warn: (message) => console.error(line('warn', message)),
  };
}

export const silentLogger: AgentLogger = { info: () => undefined, warn: () => undefined };
