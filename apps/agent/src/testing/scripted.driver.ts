import { setTimeout as sleep } from 'node:timers/promises';
import type { ApplyReport, Driver, DriverDescription } from '../drivers/driver';
import type { DesiredState } from '../state/desired-state';

/**
 * A memory driver the test scripts: it fails the applies it is told to, takes its time, and
 * records what it applied and how many applies overlapped (the agent promises none do).
 */
export class ScriptedDriver implements Driver {
  /** Revisions in the order they were applied successfully. */
  readonly applied: number[] = [];
  maxConcurrent = 0;
  delayMs = 0;
  private active = 0;
  private readonly failures: string[] = [];
  private current: DesiredState | null = null;

  /** The next `times` applies fail with this message (as a failed `nft -f` would). */
  failNext(message: string, times = 1): this {
    for (let i = 0; i < times; i++) this.failures.push(message);
    return this;
  }

  get state(): DesiredState | null {
    return this.current;
  }

  async apply(state: DesiredState): Promise<ApplyReport> {
    this.active++;
    this.maxConcurrent = Math.max(this.maxConcurrent, this.active);
    try {
      if (this.delayMs > 0) await sleep(this.delayMs);
      const failure = this.failures.shift();
      if (failure !== undefined) throw new Error(failure);
      this.current = state;
      this.applied.push(state.revision);
      return { warnings: [] };
    } finally {
      this.active--;
    }
  }

  describe(): DriverDescription {
    return { name: 'memory', revision: this.current?.revision ?? null };
  }
}
