/**
 * "1000 addresses in one request" is a quota (422), not a malformed body (400), so it is
 * counted on the raw RULE_INPUT lists of a body (`listFields`) before they are parsed. A list
 * remote names as many addresses as it holds; any other input, one (a keyword, a CIDR, the
 * default whole internet, or a group, which at least one address stands for). Counting every
 * input keeps this count at or above the parser's, so its own limit is never what a client meets.
 */
export function countRuleInputAddresses(body: unknown, listFields: readonly string[]): number {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return 0;
  let count = 0;
  for (const field of listFields) {
    const list = Object.hasOwn(body, field) ? (body as Record<string, unknown>)[field] : undefined;
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) continue;
      const remote = Object.hasOwn(item, 'remote') ? (item as Record<string, unknown>).remote : undefined;
      count += Array.isArray(remote) ? remote.length : 1;
    }
  }
  return count;
}
