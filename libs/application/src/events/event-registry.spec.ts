import type { StoredEvent } from '../ports/event-store.port';
import { EventDecodeError, integer, object, string } from './decoders';
import { EventFamily, EventRegistry } from './event-registry';

const stored = (type: string, schemaVersion: number, data: unknown): StoredEvent => ({
  position: '1',
  transactionId: '1',
  streamId: 'sg-1',
  streamType: 'security-group',
  version: 1,
  type,
  schemaVersion,
  data,
  metadata: { actor: 'a', tenant: 't' },
  recordedAt: new Date('2024-01-01T00:00:00Z'),
});

type RuleAdded = { type: 'RuleAdded'; data: { from: number; to: number; since: string } };
type Noted = { type: 'Noted'; data: { note: string } };

const rules = () =>
  new EventFamily<RuleAdded | Noted>('security-group', {
    RuleAdded: {
      schemaVersion: 3,
      decode: object({ from: integer, to: integer, since: string }),
      upcasters: {
        1: (data: { port: number }) => ({ from: data.port, to: data.port }),
        2: (data: object, event) => ({ ...data, since: event.recordedAt.toISOString() }),
      },
    },
    Noted: { schemaVersion: 1, decode: object({ note: string }) },
  });

describe('EventRegistry', () => {
  const registry = new EventRegistry([rules()]);

  it('applies the chain from the stored version to the current one', () => {
    expect(registry.upcast(stored('RuleAdded', 1, { port: 22 }))).toMatchObject({
      schemaVersion: 3,
      data: { from: 22, to: 22, since: '2024-01-01T00:00:00.000Z' },
    });
    expect(registry.upcast(stored('RuleAdded', 2, { from: 1, to: 2 }))).toMatchObject({ schemaVersion: 3, data: { from: 1, to: 2 } });
  });

  it('leaves current events, unknown types and versions newer than it knows untouched', () => {
    for (const event of [stored('RuleAdded', 3, { x: 1 }), stored('Other', 1, { x: 1 }), stored('RuleAdded', 4, { x: 1 })]) {
      expect(registry.upcast(event)).toBe(event);
    }
  });

  it('does not mutate the stored event', () => {
    const event = stored('RuleAdded', 1, { port: 22 });
    registry.upcast(event);
    expect(event).toMatchObject({ schemaVersion: 1, data: { port: 22 } });
  });

  it('knows the current version of each type', () => {
    expect(registry.currentVersion('RuleAdded')).toBe(3);
    expect(registry.currentVersion('Noted')).toBe(1);
    expect(registry.currentVersion('Other')).toBe(1);
  });

  it('refuses a table whose versions and upcasters disagree, and a type defined twice', () => {
    const family = (schemaVersion: number, upcasters: Record<number, (d: unknown) => unknown>) =>
      new EventFamily<Noted>('x', { Noted: { schemaVersion, decode: object({ note: string }), upcasters } });
    expect(() => new EventRegistry([family(2, {})])).toThrow('has no upcaster from 1');
    expect(() => new EventRegistry([family(1, { 1: (d) => d })])).toThrow('beyond its schema version');
    expect(() => new EventRegistry([family(1, {}), family(1, {})])).toThrow('defined twice');
  });

  it('takes a new upcaster only from the current version, and writes the next version from then on', () => {
    const later = new EventRegistry([rules()]);
    expect(() => later.registerUpcaster('Noted', 2, (d) => d)).toThrow(RangeError);
    expect(() => later.registerUpcaster('Unknown', 1, (d) => d)).toThrow('Unknown event type');
    later.registerUpcaster('Noted', 1, (data: { text: string }) => ({ note: data.text }));
    expect(later.currentVersion('Noted')).toBe(2);
    expect(later.upcast(stored('Noted', 1, { text: 'hi' }))).toMatchObject({ schemaVersion: 2, data: { note: 'hi' } });
  });
});

describe('EventFamily', () => {
  const family = rules();

  it('decodes a stored event into the domain union, with its known fields only', () => {
    expect(family.decode({ type: 'Noted', data: { note: 'hi', extra: true } })).toEqual({ type: 'Noted', data: { note: 'hi' } });
  });

  it('refuses a payload that does not fit, naming the event and the field', () => {
    expect(() => family.decode({ type: 'RuleAdded', data: { from: 1, to: '2', since: 'x' }, position: '7' })).toThrow(
      new EventDecodeError('RuleAdded at position 7: data.to', 'expected an integer, got string'),
    );
    expect(() => family.decode({ type: 'Other', data: {} })).toThrow('not an event of a security-group stream');
  });
});
