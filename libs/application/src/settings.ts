import type { Limits } from '@sg/domain';

/** What the core needs of the process's configuration (validated once at start-up, where it is read). */
export abstract class CoreSettings {
  abstract readonly limits: Limits;
  /** Bounded re-runs of a commutative command that met a concurrent writer. */
  abstract readonly commandRetries: number;
}
