import { Injectable } from '@nestjs/common';

/** A sync interrupted by the worker's shutdown: its job goes back to the queue, no attempt spent. */
export class SyncInterrupted extends Error {
  constructor() {
    super('the worker is shutting down');
    this.name = 'SyncInterrupted';
  }
}

/**
 * The worker's shutdown as the syncs see it: once aborted, a push in flight stops and the sync
 * hands its job back (HypervisorSyncProcessor) instead of reporting the agent at fault.
 */
@Injectable()
export class SyncShutdown {
  private readonly controller = new AbortController();

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get stopping(): boolean {
    return this.controller.signal.aborted;
  }

  abort(): void {
    this.controller.abort(new SyncInterrupted());
  }
}
