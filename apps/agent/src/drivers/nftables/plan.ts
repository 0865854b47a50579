import type { NftChain, NftSet, Ruleset } from './ruleset';

/** One `nft -f` input and what it touches. */
export interface Transaction {
  /** nft commands, one per line; empty when nothing changes. */
  text: string;
  statements: number;
  /** The whole table was replaced (first apply, after a restart or a failure, or to repair drift). */
  full: boolean;
  /** Chains whose rules were (re)written, sets and maps whose elements were replaced. */
  chainsWritten: string[];
  setsWritten: string[];
  chainsDeleted: string[];
  setsDeleted: string[];
}

/**
 * The transaction that turns `previous` (what the agent last applied) into `next`. nft applies a
 * file as one transaction, so traffic sees either ruleset, never a mix, and a failure changes
 * nothing. Only what differs is written: a changed chain is flushed and refilled, a changed set
 * gets the elements that left deleted and the new ones added (flushing a chain or a table leaves
 * set elements alone, so sets are always updated explicitly). An unchanged state is an empty
 * transaction.
 *
 * Without `previous`, or when the skeleton differs (table, base chains, a set's type), the table is
 * replaced whole: declared (so that deleting it cannot fail), deleted and built again, still in
 * one transaction. Established connections live in conntrack, not in the table, and survive it.
 */
export function planTransaction(previous: Ruleset | null, next: Ruleset): Transaction {
  if (previous === null || !sameSkeleton(previous, next)) return fullTransaction(next);
  const t = `${next.family} ${next.table}`;
  const lines: string[] = [];
  const written = { chains: [] as string[], sets: [] as string[] };

  const newSets = [...next.sets.values()].filter((s) => !previous.sets.has(s.name));
  const newChains = [...next.chains.values()].filter((c) => !previous.chains.has(c.name));
  for (const set of newSets) lines.push(declareSet(t, set));
  for (const chain of newChains) lines.push(declareChain(t, chain));
  for (const set of next.sets.values()) {
    const before = previous.sets.get(set.name);
    if (before && sameList(before.elements, set.elements)) continue;
    lines.push(...(before ? updateSet(t, before, set) : fillSet(t, set)));
    written.sets.push(set.name);
  }
  for (const chain of next.chains.values()) {
    const before = previous.chains.get(chain.name);
    if (before && sameList(before.rules, chain.rules)) continue;
    if (before) lines.push(`flush chain ${t} ${chain.name}`);
    lines.push(...fillChain(t, chain));
    written.chains.push(chain.name);
  }
  // Removed last, once nothing refers to them: emptied first, since chains may jump to each other.
  const goneChains = [...previous.chains.keys()].filter((name) => !next.chains.has(name));
  const goneSets = [...previous.sets.values()].filter((s) => !next.sets.has(s.name));
  for (const name of goneChains) lines.push(`flush chain ${t} ${name}`);
  for (const name of goneChains) lines.push(`delete chain ${t} ${name}`);
  for (const set of goneSets) lines.push(`delete ${set.kind} ${t} ${set.name}`);

  return {
    text: lines.length > 0 ? `${lines.join('\n')}\n` : '',
    statements: lines.length,
    full: false,
    chainsWritten: written.chains,
    setsWritten: written.sets,
    chainsDeleted: goneChains,
    setsDeleted: goneSets.map((s) => s.name),
  };
}

/** The whole table, replacing whatever is there under that name. */
export function fullTransaction(next: Ruleset): Transaction {
  const t = `${next.family} ${next.table}`;
  const sets = [...next.sets.values()];
  const chains = [...next.chains.values()];
  const lines = [
    `add table ${t}`,
    `delete table ${t}`,
    `add table ${t}`,
    ...sets.map((s) => declareSet(t, s)),
    // Regular chains before the base chains that jump to them; every chain before the maps' verdicts name it.
    ...chains.filter((c) => c.hook === null).map((c) => declareChain(t, c)),
    ...chains.filter((c) => c.hook !== null).map((c) => declareChain(t, c)),
    ...sets.flatMap((s) => fillSet(t, s)),
    ...chains.flatMap((c) => fillChain(t, c)),
  ];
  return {
    text: `${lines.join('\n')}\n`,
    statements: lines.length,
    full: true,
    chainsWritten: chains.map((c) => c.name),
    setsWritten: sets.map((s) => s.name),
    chainsDeleted: [],
    setsDeleted: [],
  };
}

/** Same table, same base chains, and every set that both have of the same type. */
function sameSkeleton(previous: Ruleset, next: Ruleset): boolean {
  if (previous.family !== next.family || previous.table !== next.table) return false;
  const base = (r: Ruleset) => [...r.chains.values()].filter((c) => c.hook !== null);
  const before = new Map(base(previous).map((c) => [c.name, c]));
  const after = base(next);
  if (before.size !== after.length) return false;
  for (const chain of after) {
    const old = before.get(chain.name);
    if (!old || old.hook !== chain.hook || !sameList(old.rules, chain.rules)) return false;
  }
  for (const set of next.sets.values()) {
    const old = previous.sets.get(set.name);
    if (old && (old.kind !== set.kind || old.spec !== set.spec)) return false;
  }
  for (const chain of next.chains.values()) {
    const old = previous.chains.get(chain.name);
    if (old && (old.hook === null) !== (chain.hook === null)) return false;
  }
  return true;
}

function declareSet(t: string, set: NftSet): string {
  return `add ${set.kind} ${t} ${set.name} { ${set.spec} }`;
}

function declareChain(t: string, chain: NftChain): string {
  return chain.hook === null ? `add chain ${t} ${chain.name}` : `add chain ${t} ${chain.name} { ${chain.hook} }`;
}

function fillSet(t: string, set: NftSet): string[] {
  return set.elements.length === 0 ? [] : [`add element ${t} ${set.name} { ${set.elements.join(', ')} }`];
}

/**
 * The elements that left, then the ones that came: a membership change costs what changed, not
 * the size of the set. (A map element whose verdict changed is deleted and added again.) Should
 * the kernel's set have drifted from what the agent applied, a delete fails the transaction, and
 * the next apply replaces the table whole.
 */
function updateSet(t: string, before: NftSet, after: NftSet): string[] {
  const now = new Set(after.elements);
  const then = new Set(before.elements);
  const gone = before.elements.filter((e) => !now.has(e)).map((e) => (after.kind === 'map' ? e.slice(0, e.indexOf(' : ')) : e));
  const come = after.elements.filter((e) => !then.has(e));
  return [
    ...(gone.length > 0 ? [`delete element ${t} ${after.name} { ${gone.join(', ')} }`] : []),
    ...(come.length > 0 ? [`add element ${t} ${after.name} { ${come.join(', ')} }`] : []),
  ];
}

function fillChain(t: string, chain: NftChain): string[] {
  return chain.rules.map((rule) => `add rule ${t} ${chain.name} ${rule}`);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
