import { backoffDelay, retryUntilSuccess } from './backoff';

const policy = { initialDelayMs: 100, maxDelayMs: 1_000 };

describe('backoff', () => {
  it('doubles up to the cap, with half of each step left to chance', () => {
    const low = [1, 2, 3, 4, 5, 40].map((n) => backoffDelay(n, policy, () => 0));
    const high = [1, 2, 3, 4, 5, 40].map((n) => backoffDelay(n, policy, () => 1));
    expect(low).toEqual([50, 100, 200, 400, 500, 500]);
    expect(high).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('retries until the attempt succeeds, reporting each failure once', async () => {
    const failures: number[] = [];
    let calls = 0;
    const result = await retryUntilSuccess(
      async () => {
        if (++calls < 4) throw new Error(`down ${calls}`);
        return 'up';
      },
      { policy: { initialDelayMs: 1, maxDelayMs: 2 }, signal: new AbortController().signal, onFailure: (_e, n) => failures.push(n) },
    );
    expect(result).toBe('up');
    expect(failures).toEqual([1, 2, 3]);
  });

  it('stops waiting as soon as it is aborted', async () => {
    const stop = new AbortController();
    const started = Date.now();
    const retrying = retryUntilSuccess(() => Promise.reject(new Error('down')), {
      policy: { initialDelayMs: 60_000, maxDelayMs: 60_000 },
      signal: stop.signal,
      onFailure: () => stop.abort(),
    });
    await expect(retrying).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
