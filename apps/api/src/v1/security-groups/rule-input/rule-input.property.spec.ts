import { Cidr, formatAddress, InvalidValue, IpVersion, Issues, PRESET_NAMES, ruleKey, RuleSpec, ruleSpecProblem } from '@sg/domain';
import * as fc from 'fast-check';
import { RuleInputContext } from './rule-input';
import { normalizeRuleInputs, normalizeRuleSpec, ruleSpecToInput } from './rule-input.normalize';

const CTX: RuleInputContext = { callerIp: '::ffff:198.51.100.23', maxAddresses: 1000 };
const BITS = { IPv4: 32, IPv6: 128 } as const;

function normalize(inputs: unknown) {
  const issues = new Issues();
  const result = normalizeRuleInputs(inputs, 'rules', CTX, issues);
  return { specs: result.rules.map((r) => r.spec), warnings: result.warnings, issues: issues.list };
}

// IPv4-mapped IPv6 addresses are refused by design, so generators leave them out.
const isMapped = (value: bigint) => value >> 32n === 0xffffn;

const addressValue = (version: IpVersion) =>
  fc.bigInt(0n, (1n << BigInt(BITS[version])) - 1n).filter((v) => version === 'IPv4' || !isMapped(v));

/** Any network of the version, written with host bits possibly set. */
const cidrText = (version: IpVersion) =>
  fc
    .tuple(addressValue(version), fc.integer({ min: 0, max: BITS[version] }), fc.boolean())
    .map(([value, prefix, bare]) => formatAddress(version, value) + (bare ? '' : `/${prefix}`));

/** WHATWG URL's IPv6 serialiser is RFC 5952 too: an independent reference for canonical text. */
const urlCanonical = (v6: string) => new URL(`http://[${v6}]/`).hostname.slice(1, -1);

// Built once per version rather than in a `chain`: arbitraries like stringMatching are costly to build.
const groupId = fc.stringMatching(/^sg-[a-z0-9]{1,12}$/);
const description = fc.string({ unit: 'grapheme', maxLength: 40 }).filter((s) => !/\p{Cc}/u.test(s));

function ruleInputFor(version: IpVersion) {
  const allKeyword = version === 'IPv4' ? 'all-ipv4' : 'all-ipv6';
  const ports = fc.oneof(
    fc.constant('all'),
    fc.integer({ min: 1, max: 65535 }),
    fc.integer({ min: 1, max: 65535 }).map(String),
    fc
      .tuple(fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 1, max: 65535 }))
      .map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
  );
  const icmp = fc.record({ type: fc.integer({ min: 0, max: 255 }), code: fc.integer({ min: 0, max: 255 }) }, { requiredKeys: ['type'] });
  const what = fc.oneof(
    fc.record({ protocol: fc.constantFrom('tcp', 'udp'), ports }, { requiredKeys: ['protocol'] }),
    fc.record({ preset: fc.constantFrom(...PRESET_NAMES) }),
    fc.record({ protocol: fc.constant(version === 'IPv4' ? 'icmp' : 'icmpv6'), icmp }, { requiredKeys: ['protocol'] }),
    fc.record({ protocol: fc.constant('all') }),
  );
  const remote = fc.oneof(
    fc.array(cidrText(version), { minLength: 1, maxLength: 4 }).map((remote) => ({ remote })),
    cidrText(version).map((remote) => ({ remote })),
    fc.constant({ remote: allKeyword }),
    fc.constant(version === 'IPv4' ? { remote: 'my-ip' } : { ipVersion: version }),
    groupId.map((group) => ({ remote: { group }, ipVersion: version })),
  );
  const rest = fc.record(
    {
      direction: fc.constantFrom('inbound', 'outbound'),
      ipVersion: fc.constant(version),
      description,
    },
    { requiredKeys: ['direction'] },
  );
  return fc.tuple(what, remote, rest).map(([w, r, rest]) => ({ ...rest, ...w, ...r }));
}

const ruleInput = fc.oneof(ruleInputFor('IPv4'), ruleInputFor('IPv6'));

describe('property: normalisation is idempotent', () => {
  it('a spec fed back as input gives the identical spec, and its key does not move', () => {
    fc.assert(
      fc.property(ruleInput, (input) => {
        const first = normalize([input]);
        expect(first.issues).toEqual([]);
        expect(first.specs.length).toBeGreaterThan(0);
        for (const spec of first.specs) {
          const again = normalize([ruleSpecToInput(spec)]);
          expect(again.issues).toEqual([]);
          expect(again.specs).toEqual([spec]);
          expect(again.warnings.filter((w) => w.includes('host bits'))).toEqual([]);
          expect(normalizeRuleSpec(spec)).toEqual(spec);
          expect(ruleKey(again.specs[0])).toBe(ruleKey(spec));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('every rule /v1 accepts is one the domain accepts from any face', () => {
    fc.assert(
      fc.property(ruleInput, (input) => {
        for (const spec of normalize([input]).specs) expect(ruleSpecProblem(spec)).toBeNull();
      }),
      { numRuns: 500 },
    );
  });
});

describe('property: CIDR text', () => {
  const anyCidr = fc.constantFrom<IpVersion>('IPv4', 'IPv6').chain(cidrText);

  it('parse(toString()) round-trips, with no host bits left to clear', () => {
    fc.assert(
      fc.property(anyCidr, (text) => {
        const { cidr } = Cidr.parse(text);
        const again = Cidr.parse(cidr.toString());
        expect(again.hostBitsCleared).toBe(false);
        expect(again.cidr.equals(cidr)).toBe(true);
        expect(again.cidr.toString()).toBe(cidr.toString());
      }),
      { numRuns: 1000 },
    );
  });

  it('contains() agrees with integer arithmetic on the range', () => {
    const pair = fc.tuple(
      fc.constantFrom<IpVersion>('IPv4', 'IPv6').chain((v) => fc.tuple(fc.constant(v), addressValue(v), fc.integer({ min: 0, max: BITS[v] }))),
      fc.constantFrom<IpVersion>('IPv4', 'IPv6').chain((v) => fc.tuple(fc.constant(v), addressValue(v))),
    );
    fc.assert(
      fc.property(pair, ([[version, net, prefix], [addrVersion, addr]]) => {
        const cidr = Cidr.of(version, net, prefix);
        const host = BigInt(BITS[version] - prefix);
        const expected = version === addrVersion && addr >> host === net >> host;
        expect(cidr.contains(formatAddress(addrVersion, addr))).toBe(expected);
        expect(cidr.networkAddress <= addr && addr <= cidr.lastAddress && version === addrVersion).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('reads every RFC 4291 IPv6 text to its RFC 5952 form, refusing only IPv4-mapped ones', () => {
    fc.assert(
      fc.property(fc.ipV6(), (text) => {
        const canonical = urlCanonical(text);
        if (/^::ffff:[0-9a-f]{1,4}:[0-9a-f]{1,4}$/.test(canonical)) {
          expect(() => Cidr.parse(text)).toThrow(/IPv4-mapped/);
        } else {
          expect(Cidr.parse(text).cidr.toString()).toBe(`${canonical}/128`);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('accepts an IPv4 text exactly when it is four decimal octets without leading zeros', () => {
    const strict = (s: string) => {
      const parts = s.split('.');
      return parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]*)$/.test(p) && Number(p) <= 255);
    };
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV4Extended()), (text) => {
        if (strict(text)) expect(Cidr.parse(text).cidr.toString()).toBe(`${text}/32`);
        else expect(() => Cidr.parse(text)).toThrow(InvalidValue);
      }),
      { numRuns: 1000 },
    );
  });

  it('fails on junk only with InvalidValue, and what it accepts round-trips', () => {
    const junk = fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEFx:./%- '), maxLength: 45 });
    fc.assert(
      fc.property(junk, (text) => {
        let parsed: Cidr | undefined;
        try {
          parsed = Cidr.parse(text).cidr;
        } catch (e) {
          expect(e).toBeInstanceOf(InvalidValue);
          return;
        }
        expect(Cidr.parse(parsed.toString()).cidr.equals(parsed)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('property: accepted rules are plain data', () => {
  it('a rule survives JSON and keeps its key', () => {
    fc.assert(
      fc.property(ruleInput, fc.stringMatching(/^sgr-[a-z0-9]{8}$/), (input, id) => {
        for (const spec of normalize([input]).specs) {
          const rule = { id, ...spec };
          const copy = JSON.parse(JSON.stringify(rule)) as RuleSpec & { id: string };
          expect(copy).toStrictEqual(rule);
          expect(ruleKey(copy)).toBe(ruleKey(rule));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('no JSON value, however malformed, makes normalisation throw', () => {
    const field = fc.constantFrom('direction', 'preset', 'protocol', 'ports', 'icmp', 'ipVersion', 'remote', 'description', 'x');
    const ruleLike = fc.dictionary(field, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 });
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.array(fc.oneof(ruleLike, fc.jsonValue({ maxDepth: 2 })))), (inputs) => {
        const out = normalize(inputs);
        for (const spec of out.specs) expect(normalizeRuleSpec(spec)).toEqual(spec);
      }),
      { numRuns: 1000 },
    );
  });
});

