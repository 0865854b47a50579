/**
 * An nftables table as the agent builds it: named sets and verdict maps, and chains of rules, each
 * already in nft's text. Plain data, so two of them compare (plan.ts turns the difference into
 * one transaction) and a test reads one as it is.
 */
export interface Ruleset {
  family: 'inet';
  table: string;
  /** Named sets and maps by name. */
  sets: Map<string, NftSet>;
  /** Chains by name: base chains (with a hook) and the regular chains they jump to. */
  chains: Map<string, NftChain>;
}

export interface NftSet {
  name: string;
  /** A map's elements carry a value (here a verdict); nft spells the two with different keywords. */
  kind: 'set' | 'map';
  /** The declaration inside `{ }`, e.g. `type ipv4_addr;` or `type ifname : verdict;`. */
  spec: string;
  /** Each element in nft's text (`"tap1" : jump port_in_i-1`), sorted. */
  elements: string[];
}

export interface NftChain {
  name: string;
  /** A base chain's `type filter hook forward priority 0; policy accept;`; null for a regular chain. */
  hook: string | null;
  rules: string[];
}
