import { canonicalListing, listingDifference } from './listing';

const listing = (elements: string[], handle: number, rules: string[]) =>
  JSON.stringify({
    nftables: [
      { metainfo: { version: '1.0.6' } },
      { table: { family: 'inet', name: 't', handle } },
      { set: { family: 'inet', name: 'members4_sg-db', table: 't', type: 'ipv4_addr', handle: handle + 1, elem: elements } },
      { chain: { family: 'inet', table: 't', name: 'group_in_sg-web', handle: handle + 2 } },
      ...rules.map((r, i) => ({ rule: { family: 'inet', table: 't', chain: 'group_in_sg-web', handle: handle + 3 + i, expr: [{ match: { right: r } }] } })),
    ],
  });

describe('canonical listings', () => {
  it('ignore handles, nft version and the order in which a hash set lists its elements', () => {
    expect(canonicalListing(listing(['10.0.0.1', '10.0.0.2'], 4, ['a', 'b']))).toBe(canonicalListing(listing(['10.0.0.2', '10.0.0.1'], 90, ['a', 'b'])));
  });

  it('tell rules apart, in order, and name what differs', () => {
    const applied = canonicalListing(listing(['10.0.0.1'], 4, ['a', 'b']));
    const drifted = canonicalListing(listing(['10.0.0.1', '10.0.0.9'], 4, ['b']));
    expect(drifted).not.toBe(applied);
    expect(canonicalListing(listing(['10.0.0.1'], 4, ['b', 'a']))).not.toBe(applied);
    expect(listingDifference(applied, drifted)).toEqual(['chain group_in_sg-web', 'set members4_sg-db']);
  });
});
