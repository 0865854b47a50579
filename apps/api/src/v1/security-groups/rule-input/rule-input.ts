import type { Direction, NormalizedRule } from '@sg/domain';

/**
 * Turns /v1's RULE_INPUT objects (raw JSON, not yet trusted) into normalised rule specs, each
 * labelled with the path of the input that produced it (`rules[3]`; a list remote makes several
 * from one input). Every problem is added to `issues` with a path under `path` (e.g.
 * `rules[2].remote[1]`); the caller throws them together. Implemented in rule-input.normalize.ts.
 */
export interface RuleInputContext {
  /** The caller's address as the server saw it; `my-ip` needs it. */
  callerIp: string | null;
  /** Used when an input has no `direction` (the PUT form's inboundRules/outboundRules lists). */
  impliedDirection?: Direction;
  /** Limit on addresses in one request (1000 by default). */
  maxAddresses: number;
}

export interface NormalizedRules {
  rules: NormalizedRule[];
  /** For people: host bits cleared, SSH/RDP open to the world. */
  warnings: string[];
}
