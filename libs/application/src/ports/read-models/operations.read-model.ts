import type { Operation, OperationState, OperationStatus } from '@sg/domain';
import type { Transaction } from '../event-store.port';
import type { Page, PageRequest } from './page';

export interface OperationRecord extends Operation {
  version: number;
}

export interface OperationFilter {
  tenant: string | null;
  status?: OperationStatus;
  resourceId?: string;
}

/** An operation's state as the read model has it, at the stream version it reflects. */
export interface OperationStateRecord {
  id: string;
  tenant: string;
  state: OperationState;
  version: number;
}

/** `rm_operations`: each operation's whole state, with the columns lists filter on. */
export abstract class OperationReadModel {
  abstract find(id: string, tenant: string | null, tx?: Transaction): Promise<OperationRecord | null>;

  /** Newest first. */
  abstract list(filter: OperationFilter, page: PageRequest): Promise<Page<OperationRecord>>;

  /** The latest operation's status on each resource: a group's `propagation` follows it. */
  abstract latestStatus(resourceIds: readonly string[]): Promise<Map<string, OperationStatus>>;

  /** The newest operation on a resource opened at or before an instant (on the clock of the change that opened it). */
  abstract latestIdAsOf(resourceId: string, instant: Date): Promise<string | null>;

  /** Operations with a target on this hypervisor that has not finished: a sync resolves them. */
  abstract waitingOn(hypervisorId: string): Promise<string[]>;

  /**
   * Failed operations with a failed target on this hypervisor (oldest first, at most `limit`): a
   * sync that brings the hypervisor to a state computed after them settles them as converged.
   */
  abstract failedOn(hypervisorId: string, limit: number): Promise<string[]>;

  /** Hypervisors with a failed target of a failed operation: the reconciler syncs those it finds converged. */
  abstract hypervisorsWithFailedTargets(): Promise<string[]>;

  /**
   * Hypervisors with a target that has waited longer than `olderThanMs` without news: the job that
   * would have resolved it may be gone (Redis lost it, a worker died twice mid-sync).
   */
  abstract hypervisorsWithStaleTargets(olderThanMs: number): Promise<string[]>;

  abstract states(ids: readonly string[]): Promise<OperationStateRecord[]>;

  abstract countByStatus(): Promise<Map<OperationStatus, number>>;

  /**
   * The request ids behind some operations: the request that opened each and any that asked for
   * a retry. A sync logs them and sends them to the agent, so that one change can be followed
   * through every process's logs.
   */
  abstract requestIdsOf(operationIds: readonly string[]): Promise<Map<string, string[]>>;
}
