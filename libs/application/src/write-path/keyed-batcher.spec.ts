import { KeyedBatcher, Waiting } from './keyed-batcher';

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

describe('KeyedBatcher', () => {
  it('runs the first request alone, then everything that queued meanwhile as one batch, in arrival order', async () => {
    const batches: string[][] = [];
    const batcher = new KeyedBatcher<string, string>(async (key, batch) => {
      batches.push(batch.map((w) => w.item));
      await tick(20);
      for (const w of batch) w.resolve(`${key}:${w.item}`);
    });
    const results = await Promise.all(['a1', 'a2', 'a3', 'a4'].map((item) => batcher.submit('a', item)));
    expect(results).toEqual(['a:a1', 'a:a2', 'a:a3', 'a:a4']);
    expect(batches).toEqual([['a1'], ['a2', 'a3', 'a4']]);
  });

  it('runs other keys alongside, and caps a batch at maxBatch', async () => {
    const log: string[] = [];
    const batcher = new KeyedBatcher<number, number>(async (key, batch) => {
      log.push(`start ${key}[${batch.map((w) => w.item).join(',')}]`);
      await tick(key === 'a' ? 20 : 1);
      log.push(`end ${key}`);
      for (const w of batch) w.resolve(w.item * 10);
    }, 2);
    const a = [1, 2, 3, 4].map((n) => batcher.submit('a', n));
    const b = batcher.submit('b', 9);
    await expect(Promise.all([...a, b])).resolves.toEqual([10, 20, 30, 40, 90]);
    expect(log.filter((l) => l.startsWith('start a'))).toEqual(['start a[1]', 'start a[2,3]', 'start a[4]']);
    expect(log.indexOf('end b')).toBeLessThan(log.indexOf('end a'));
  });

  it('rejects what a failing batch left unsettled, and goes on with the next batch', async () => {
    let calls = 0;
    const batcher = new KeyedBatcher<string, string>(async (_key, batch: readonly Waiting<string, string>[]) => {
      calls++;
      await tick();
      if (calls === 1) {
        batch[0].resolve('settled before the failure');
        throw new Error('boom');
      }
      for (const w of batch) w.resolve('ok');
    });
    const first = batcher.submit('a', 'x');
    const second = batcher.submit('a', 'y');
    await expect(first).resolves.toBe('settled before the failure');
    await expect(second).resolves.toBe('ok');
    const failing = new KeyedBatcher<string, string>(async () => Promise.reject(new Error('down')));
    await expect(failing.submit('a', 'x')).rejects.toThrow('down');
  });
});
