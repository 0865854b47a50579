/** A request waiting for its batch; the batch's work settles it. */
export interface Waiting<T, R> {
  readonly item: T;
  resolve(value: R): void;
  reject(error: unknown): void;
}

/**
 * Group commit per key. The first request for an idle key runs at once, alone; requests that
 * arrive meanwhile wait, and the next run takes all of them (up to `maxBatch`) together, in
 * arrival order. Writers to one aggregate thus neither clash on its version nor wait for each
 * other's round trips one by one: a burst costs a few transactions, not one per request.
 */
export class KeyedBatcher<T, R> {
  private readonly queues = new Map<string, Waiting<T, R>[]>();

  constructor(
    private readonly work: (key: string, batch: readonly Waiting<T, R>[]) => Promise<void>,
    private readonly maxBatch = 64,
  ) {}

  submit(key: string, item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const waiting = { item, resolve, reject };
      const queue = this.queues.get(key);
      if (queue) {
        queue.push(waiting);
        return;
      }
      this.queues.set(key, [waiting]);
      void this.drain(key);
    });
  }

  private async drain(key: string): Promise<void> {
    const queue = this.queues.get(key)!;
    while (queue.length > 0) {
      const batch = queue.splice(0, this.maxBatch);
      try {
        await this.work(key, batch);
      } catch (error) {
        // Settling twice is a no-op: only the requests the work left unsettled get the error.
        for (const waiting of batch) waiting.reject(error);
      }
    }
    this.queues.delete(key);
  }
}
