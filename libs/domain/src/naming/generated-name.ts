/**
 * Readable names for groups created without one (the console's "automatically generates a default
 * name"): `sg-` + two words + four digits, e.g. `sg-amber-falcon-4821`. Randomness is passed in.
 */
const ADJECTIVES = [
  'amber', 'bold', 'brisk', 'calm', 'clear', 'cobalt', 'crisp', 'swift', 'eager', 'fair', 'gentle', 'golden',
  'green', 'hidden', 'keen', 'lively', 'lucky', 'mellow', 'misty', 'noble', 'quiet', 'rapid', 'silver', 'steady',
  'sunny', 'tidy', 'vivid', 'warm', 'wise', 'young', 'azure', 'bright',
];
const NOUNS = [
  'falcon', 'river', 'cedar', 'harbor', 'summit', 'meadow', 'canyon', 'comet', 'forest', 'glacier', 'island',
  'lagoon', 'maple', 'nebula', 'orbit', 'otter', 'pine', 'prairie', 'quartz', 'reef', 'ridge', 'sparrow', 'spruce',
  'stone', 'tundra', 'valley', 'willow', 'wren', 'aspen', 'beacon', 'delta', 'ember',
];

/** `random` returns floats in [0, 1) like Math.random. Retries until the name is not taken. */
export function generateGroupName(random: () => number, taken: ReadonlySet<string>): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length) % xs.length];
  for (let attempt = 0; attempt < 1000; attempt++) {
    const digits = String(Math.floor(random() * 10000) % 10000).padStart(4, '0');
    const name = `sg-${pick(ADJECTIVES)}-${pick(NOUNS)}-${digits}`;
    if (!taken.has(name)) return name;
  }
  // 10 million combinations make this unreachable in practice; a bad random source must not hang us.
  throw new Error('could not generate a free security group name');
}
