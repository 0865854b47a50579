import { Transaction } from '@sg/application';
import type { DataSource, EntityManager } from 'typeorm';

/** The append's transaction as Postgres adapters hand it to the core, and read it back. */
export class PostgresTransaction extends Transaction {
  constructor(readonly manager: EntityManager) {
    super();
  }
}

/**
 * The EntityManager to run a read on: the transaction's, so that a read inside an append sees
 * what it wrote, or the pool's when there is none.
 */
export function managerOf(dataSource: DataSource, tx?: Transaction): EntityManager {
  return tx === undefined ? dataSource.manager : entityManagerOf(tx);
}

export function entityManagerOf(tx: Transaction): EntityManager {
  if (!(tx instanceof PostgresTransaction)) throw new TypeError('not a transaction of the Postgres event store');
  return tx.manager;
}
