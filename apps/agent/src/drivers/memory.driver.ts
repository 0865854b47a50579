import type { DesiredState } from '../state/desired-state';
import type { ApplyReport, Driver, DriverDescription } from './driver';

/** Keeps the state in memory: the local run and load tests with many agents, where there is no nft. */
export class MemoryDriver implements Driver {
  private current: DesiredState | null = null;

  async apply(state: DesiredState): Promise<ApplyReport> {
    this.current = state;
    return { warnings: [] };
  }

  describe(): DriverDescription {
    return { name: 'memory', revision: this.current?.revision ?? null };
  }
}
