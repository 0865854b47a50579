import pg from 'pg';

/**
 * Counts the statements this process sends to Postgres, at the pg client (every statement is one
 * round trip: BEGIN, SET TRANSACTION, each query, COMMIT). Installed once; `count(fn)` answers
 * how many statements `fn` sent, so the bench can print round trips per append and per request.
 */
let statements = 0;
let installed = false;

export function installQueryCounter(): void {
  if (installed) return;
  installed = true;
  const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = prototype.query;
  prototype.query = function counted(this: unknown, ...args: unknown[]) {
    statements++;
    return original.apply(this, args);
  };
}

/** Statements sent while `fn` ran (run it alone: anything else in flight is counted too). */
export async function countStatements(fn: () => Promise<unknown>): Promise<number> {
  installQueryCounter();
  const before = statements;
  await fn();
  return statements - before;
}
