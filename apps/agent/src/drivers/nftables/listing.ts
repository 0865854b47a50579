/**
 * `nft -j list table` reduced to what the ruleset means, for drift checks: without handles (they
 * change with every rewrite) or nft's version line, and with set elements sorted (a hash set lists
 * in bucket order, which a resize may change). Two listings are equal exactly when the table holds
 * the same chains, rules and elements.
 */
export function canonicalListing(json: string): string {
  const parsed = JSON.parse(json) as { nftables?: Record<string, Record<string, unknown>>[] };
  const objects = (parsed.nftables ?? []).filter((o) => !('metainfo' in o)).map((o) => strip(o));
  return JSON.stringify(objects);
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'handle') continue;
    const stripped = strip(inner);
    // `elem` of a named set, `set` of an anonymous one inside a rule (`icmpv6 type { … }`).
    out[key] = (key === 'elem' || key === 'set') && Array.isArray(stripped) ? [...stripped].sort(byJson) : stripped;
  }
  return out;
}

function byJson(a: unknown, b: unknown): number {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Which chains and sets differ between two canonical listings: the drift log line names them. */
export function listingDifference(expected: string, actual: string): string[] {
  const index = (listing: string) => {
    const map = new Map<string, string>();
    const rules = new Map<string, string[]>();
    for (const object of JSON.parse(listing) as Record<string, Record<string, unknown>>[]) {
      const [kind, body] = Object.entries(object)[0];
      if (kind === 'rule') rules.set(`chain ${body.chain}`, [...(rules.get(`chain ${body.chain}`) ?? []), JSON.stringify(body)]);
      else map.set(`${kind} ${body.name}`, JSON.stringify(body));
    }
    for (const [chain, list] of rules) map.set(`${chain} rules`, list.join('\n'));
    return map;
  };
  const a = index(expected);
  const b = index(actual);
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => a.get(k) !== b.get(k)).map((k) => k.replace(/ rules$/, '')).filter((k, i, all) => all.indexOf(k) === i).sort();
}
