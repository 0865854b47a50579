import { Cidr, formatAddress, IpVersion } from '@sg/domain';

/** A closed range of addresses of one IP version, as unsigned integers. */
export interface Interval {
  from: bigint;
  to: bigint;
}

const LAST: Readonly<Record<IpVersion, bigint>> = { IPv4: (1n << 32n) - 1n, IPv6: (1n << 128n) - 1n };

/** Every address of the version: what a `0.0.0.0/0` or `::/0` remote stands for. */
export function everything(version: IpVersion): Interval[] {
  return [{ from: 0n, to: LAST[version] }];
}

export function isEverything(version: IpVersion, intervals: readonly Interval[]): boolean {
  return intervals.length === 1 && intervals[0].from === 0n && intervals[0].to === LAST[version];
}

/**
 * The fewest disjoint intervals that cover the given CIDRs: contained prefixes dropped, overlapping
 * and adjacent ones merged, sorted. nftables rejects a whole transaction when the intervals of a set
 * overlap, so every list goes through here before it becomes a set.
 */
export function mergeCidrs(cidrs: readonly string[]): Interval[] {
  const ranges = cidrs.map((text) => {
    const { cidr } = Cidr.parse(text);
    return { from: cidr.networkAddress, to: cidr.lastAddress };
  });
  return mergeIntervals(ranges);
}

export function mergeIntervals(ranges: readonly Interval[]): Interval[] {
  const sorted = [...ranges].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const merged: Interval[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.from <= last.to + 1n) {
      if (range.to > last.to) last.to = range.to;
    } else {
      merged.push({ ...range });
    }
  }
  return merged;
}

/** Whether `inner` lies within the union of `outer` (both merged). */
export function coveredBy(inner: readonly Interval[], outer: readonly Interval[]): boolean {
  return inner.every((range) => {
    const holder = findInterval(outer, range.from);
    return holder !== undefined && holder.to >= range.to;
  });
}

export function containsAddress(intervals: readonly Interval[], address: bigint): boolean {
  return findInterval(intervals, address) !== undefined;
}

/** Binary search over merged, sorted intervals. */
function findInterval(intervals: readonly Interval[], address: bigint): Interval | undefined {
  let low = 0;
  let high = intervals.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const candidate = intervals[mid];
    if (address < candidate.from) high = mid - 1;
    else if (address > candidate.to) low = mid + 1;
    else return candidate;
  }
  return undefined;
}

/** nft's text for one interval: a plain address, a prefix when it is exactly one, else `first-last`. */
export function formatInterval(version: IpVersion, { from, to }: Interval): string {
  if (from === to) return formatAddress(version, from);
  const size = to - from + 1n;
  const isPowerOfTwo = (size & (size - 1n)) === 0n;
  if (isPowerOfTwo && from % size === 0n) {
    const hostBits = size.toString(2).length - 1;
    const bits = version === 'IPv4' ? 32 : 128;
    return `${formatAddress(version, from)}/${bits - hostBits}`;
  }
  return `${formatAddress(version, from)}-${formatAddress(version, to)}`;
}
