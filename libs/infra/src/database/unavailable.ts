/**
 * Whether an error means Postgres (or Redis) cannot be reached right now, as opposed to a bug:
 * connection refused or reset, the server shutting down, the pool unable to connect.
 */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN']);

export function isUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; message?: unknown; driverError?: unknown; name?: unknown; errors?: unknown };
  if (typeof e.code === 'string') {
    if (NETWORK_CODES.has(e.code)) return true;
    // Postgres SQLSTATE: 08 connection exception, 57P01-57P03 shutdown / cannot connect now, 53300 too many connections.
    if (/^08/.test(e.code) || /^57P0[1-3]$/.test(e.code) || e.code === '53300') return true;
  }
  const message = typeof e.message === 'string' ? e.message : '';
  if (/Connection terminated|connect ECONNREFUSED|Connection is closed|timeout exceeded when trying to connect|DataSource is not initialized|Driver not Connected|Cannot use a pool after calling end|MaxRetriesPerRequestError|Reached the max retries per request/i.test(message)) return true;
  if (Array.isArray(e.errors) && e.errors.some(isUnavailable)) return true;
  return e.driverError !== undefined && e.driverError !== error && isUnavailable(e.driverError);
}
