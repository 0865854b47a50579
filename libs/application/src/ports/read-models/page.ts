/**
 * Keyset pagination over ids: stable under concurrent inserts (a new row never shifts a page),
 * unlike offsets. The cursor is opaque to clients.
 */
export interface PageRequest {
  limit: number;
  cursor: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A cursor the read model did not hand out: the client's mistake, never a fault. */
export class InvalidCursorError extends Error {
  constructor() {
    super('not a cursor this API returned');
    this.name = 'InvalidCursorError';
  }
}
