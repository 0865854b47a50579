import { InFlightLimit, RateLimiter } from './request-gate';

describe('RateLimiter', () => {
  it('gives burst tokens at once, refills at perSecond, and says when to retry', () => {
    let now = 0;
    const limiter = new RateLimiter(2, 3, () => now);
    expect([1, 2, 3].map(() => limiter.take('a').ok)).toEqual([true, true, true]);
    const refused = limiter.take('a');
    expect(refused).toMatchObject({ ok: false, remaining: 0, retryAfterS: 1 });
    expect(limiter.take('b').ok).toBe(true);
    now += 500; // one token back
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(false);
    now += 10_000; // never more than the burst
    expect([1, 2, 3, 4].map(() => limiter.take('a').ok)).toEqual([true, true, true, false]);
  });
});

describe('InFlightLimit', () => {
  it('runs at most `limit` requests of a caller at once, the next ones in arrival order, each caller apart', () => {
    const limit = new InFlightLimit(2);
    const started: string[] = [];
    const leaves = new Map<string, () => void>();
    const enter = (caller: string, name: string) => limit.enter(caller, (leave) => {
      started.push(name);
      leaves.set(name, leave);
    });
    enter('a', 'a1');
    enter('a', 'a2');
    enter('a', 'a3');
    enter('a', 'a4');
    enter('b', 'b1');
    expect(started).toEqual(['a1', 'a2', 'b1']);
    expect(limit.load('a')).toEqual({ running: 2, waiting: 2 });
    leaves.get('a2')!();
    leaves.get('a2')!(); // leaving twice gives one place back
    expect(started).toEqual(['a1', 'a2', 'b1', 'a3']);
    expect(limit.load('a')).toEqual({ running: 2, waiting: 1 });
    leaves.get('a1')!();
    leaves.get('a3')!();
    leaves.get('a4')!();
    expect(started).toEqual(['a1', 'a2', 'b1', 'a3', 'a4']);
    expect(limit.load('a')).toEqual({ running: 0, waiting: 0 });
  });

  it('forgets a waiting request whose client went away', () => {
    const limit = new InFlightLimit(1);
    const started: string[] = [];
    let leaveFirst = () => undefined as void;
    limit.enter('a', (leave) => {
      started.push('first');
      leaveFirst = leave;
    });
    const gone = limit.enter('a', () => started.push('gone'));
    limit.enter('a', () => started.push('third'));
    gone.cancel();
    expect(limit.load('a')).toEqual({ running: 1, waiting: 1 });
    leaveFirst();
    expect(started).toEqual(['first', 'third']);
  });
});
