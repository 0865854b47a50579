import fc from 'fast-check';
import { generateGroupName } from './generated-name';

describe('generated group names', () => {
  it('are readable: sg-, two words, four digits', () => {
    expect(generateGroupName(() => 0.5, new Set())).toMatch(/^sg-[a-z]+-[a-z]+-\d{4}$/);
  });

  it('never repeat a name already taken', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const random = mulberry32(seed);
        const taken = new Set<string>();
        for (let n = 0; n < 200; n++) {
          const name = generateGroupName(random, taken);
          expect(taken.has(name)).toBe(false);
          taken.add(name);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('give up instead of looping forever on a broken random source', () => {
    const taken = new Set([generateGroupName(() => 0, new Set())]);
    expect(() => generateGroupName(() => 0, taken)).toThrow(/could not generate/);
  });
});

/** A small seeded PRNG, so a failing case can be replayed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
