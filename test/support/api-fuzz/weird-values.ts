import fc from 'fast-check';
import { rawToken, withKey } from './raw-json';

/** Numbers JSON can carry but software mishandles; raw tokens where JSON.stringify would rewrite them. */
export const HUGE_NUMBERS: unknown[] = [
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER,
  rawToken('9007199254740993'), // 2^53 + 1: not a double
  rawToken('-0'),
  rawToken('1e400'), // Infinity once parsed
  rawToken('-1e400'),
  rawToken('1e-400'),
  rawToken('123456789012345678901234567890'),
  -1,
  0,
  0.5,
  65536,
  65535.0000001,
  2 ** 31,
  -(2 ** 31) - 1,
];

export const NUMBERISH_STRINGS = ['NaN', 'Infinity', '-Infinity', '1e999', '0x10', '0b11', '22 ', ' 22', '22-', '-22', '+22', '65536', '0', '0-0', '80-22', '1-65535', '22-22-22', '٢٢', '２２', '1_000', '22.0', ''];

export const BAD_CIDRS = [
  '::ffff:1.2.3.4',
  '::ffff:10.0.0.0/104',
  '1.2.3.4/33',
  '1.2.3.4/-1',
  '1.2.3.4/',
  '/24',
  '010.0.0.1',
  '10.0.0.01/24',
  '1.2.3',
  '1.2.3.4.5',
  '256.0.0.0/8',
  '::/129',
  'fe80::1%eth0',
  '2001:db8::/32/32',
  '1.2.3.4/0x10',
  '1.2.3.4 /24',
  '١٢.٠.٠.١',
  '１.２.３.４',
  '0.0.0.0/0',
  '::/0',
  '10.0.0.0/8',
  '10.0.1.0/24',
  '255.255.255.255/32',
  '2001:db8::1/128',
  'all-ipv4',
  'ALL-IPV4',
  'my-ip',
];

const LONE_SURROGATES = ['\ud800', '\udfff', 'a\ud83d', '\ude00b', 'name-\udbff'];

export const UNICODE_STRINGS = [
  ...LONE_SURROGATES,
  '\u202eevil\u202c',
  'web\u200fservers',
  '\u200b',
  '🔥🚀',
  '👨‍👩‍👧‍👦',
  'e\u0301\u0301\u0301',
  '\ufeffbom',
  'a\u0000b',
  '\u0000',
  'tab\there',
  'line\r\nbreak',
  '\u0007\u001b[31m',
  '名前',
  'ﷺ',
  ' ',
  '',
  '../../etc/passwd',
  "'; DROP TABLE events; --",
  '%s%n%x',
  '${jndi:ldap://x}',
];

export const LONG_STRINGS = ['x'.repeat(10_000), '🔥'.repeat(3_000), 'sg-' + 'a'.repeat(300), 'i-' + '9'.repeat(5_000)];

/** 50 levels of objects or arrays. */
export function deeplyNested(depth = 50, kind: 'object' | 'array' = 'object'): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = kind === 'object' ? { a: v } : [v];
  return v;
}

export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf'];

function pollution(): unknown[] {
  return [
    withKey({}, '__proto__', { isOperator: true, tenant: 'acme' }),
    { constructor: { prototype: { polluted: true } } },
    withKey({ name: 'x' }, '__proto__', null),
  ];
}

const TYPE_MISMATCHES: unknown[] = [null, true, false, 0, 1, -1, 1.5, '', 'a', [], {}, [null], [{}], { '': '' }];

/** A single weird value, from every family the API must survive. */
export function weirdValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...TYPE_MISMATCHES) },
    { weight: 3, arbitrary: fc.constantFrom(...HUGE_NUMBERS) },
    { weight: 2, arbitrary: fc.constantFrom(...NUMBERISH_STRINGS) },
    { weight: 3, arbitrary: fc.constantFrom(...BAD_CIDRS) },
    { weight: 3, arbitrary: fc.constantFrom(...UNICODE_STRINGS) },
    { weight: 1, arbitrary: fc.constantFrom(...LONG_STRINGS) },
    { weight: 1, arbitrary: fc.constantFrom(...BAD_CIDRS, 'sg-x', 'i-x', 'not an id').map((s) => Array.from({ length: 5_000 }, () => s)) },
    { weight: 1, arbitrary: fc.constantFrom<'object' | 'array'>('object', 'array').map((k) => deeplyNested(50, k)) },
    { weight: 1, arbitrary: fc.constantFrom(...pollution()) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
}

/** Keys a body should not have: unknown ones, prototype keys, odd unicode. */
export function weirdKey(): fc.Arbitrary<string> {
  return fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS, '', ' ', 'colour', 'Name', 'name ', 'vpcid', '\u202ename', 'rules[0]', 'a.b', '$where', 'x'.repeat(1000)), fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }));
}
