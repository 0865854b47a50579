import type { Transaction } from '../event-store.port';
import type { Page, PageRequest } from './page';

export interface HypervisorRecord {
  id: string;
  agentUrl: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** `rm_hypervisors`: each registered agent and where to reach it. */
export abstract class HypervisorReadModel {
  abstract find(id: string, tx?: Transaction): Promise<HypervisorRecord | null>;

  abstract all(): Promise<HypervisorRecord[]>;

  abstract page(page: PageRequest): Promise<Page<HypervisorRecord>>;
}
