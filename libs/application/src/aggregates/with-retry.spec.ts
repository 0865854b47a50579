import { ConcurrencyError } from '../ports/event-store.errors';
import { withRetry } from './with-retry';

const conflict = () => new ConcurrencyError('sg-1', 1, 2);

describe('withRetry', () => {
  it('re-runs after a concurrency conflict and returns the first success', async () => {
    const seen: number[] = [];
    const result = await withRetry(
      async (attempt) => {
        seen.push(attempt);
        if (attempt < 3) throw conflict();
        return 'done';
      },
      { baseDelayMs: 0 },
    );
    expect(result).toBe('done');
    expect(seen).toEqual([1, 2, 3]);
  });

  it('rethrows the last conflict once the attempts are spent', async () => {
    let runs = 0;
    const errors: ConcurrencyError[] = [];
    const outcome = withRetry(
      async () => {
        runs++;
        const error = conflict();
        errors.push(error);
        throw error;
      },
      { attempts: 4, baseDelayMs: 0 },
    );
    const error = await outcome.catch((e: unknown) => e);
    expect(runs).toBe(4);
    expect(error).toBe(errors[3]);
  });

  it('does not retry other errors', async () => {
    let runs = 0;
    const failing = withRetry(async () => {
      runs++;
      throw new Error('duplicate rule');
    });
    await expect(failing).rejects.toThrow('duplicate rule');
    expect(runs).toBe(1);
  });

  it('retries deadlocks and serialization failures reported by Postgres', async () => {
    let runs = 0;
    await withRetry(
      async () => {
        if (++runs === 1) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
      },
      { baseDelayMs: 0 },
    );
    expect(runs).toBe(2);
  });
});
