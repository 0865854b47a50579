import type { FindingCheck, FindingSeverity } from '@sg/domain';
import type { Page, PageRequest } from './page';

/** The event that opened or closed a finding: where it is in the feed, and who made it under which request. */
export interface FindingEventRecord {
  position: string;
  streamId: string;
  version: number;
  type: string;
  actor: string;
  requestId: string | null;
}

/** A finding as the findings projection wrote it (docs/audit.md). */
export interface FindingRecord {
  id: string;
  tenant: string;
  check: FindingCheck;
  severity: FindingSeverity;
  resource: { type: 'security-group' | 'instance'; id: string };
  groupId: string;
  instanceId: string | null;
  status: 'open' | 'closed';
  details: Record<string, unknown>;
  openedAt: Date;
  openedBy: FindingEventRecord;
  closedAt: Date | null;
  closedBy: FindingEventRecord | null;
}

export type FindingStatus = FindingRecord['status'];
export const FINDING_STATUSES: readonly FindingStatus[] = ['open', 'closed'];

export interface FindingFilter {
  /** null: every tenant (an operator). */
  tenant: string | null;
  status?: FindingStatus;
  /** The group the finding is about (an instance's finding is about its default group). */
  groupId?: string;
}

/** `rm_findings`: every finding, open or closed. */
export abstract class FindingReadModel {
  /** Newest first (by the event that opened them). */
  abstract list(filter: FindingFilter, page: PageRequest): Promise<Page<FindingRecord>>;

  /** The findings the events at these feed positions opened: the relay notifies them. */
  abstract openedAt(positions: readonly string[]): Promise<FindingRecord[]>;
}
