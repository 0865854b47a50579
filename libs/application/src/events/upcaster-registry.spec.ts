import type { StoredEvent } from '../ports/event-store.port';
import { UpcasterRegistry } from './upcaster-registry';

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

describe('UpcasterRegistry', () => {
  const registry = new UpcasterRegistry()
    .register('RuleAdded', 1, (data: { port: number }) => ({ from: data.port, to: data.port }))
    .register('RuleAdded', 2, (data: object, event) => ({ ...data, since: event.recordedAt.toISOString() }));

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
    expect(registry.currentVersion('Other')).toBe(1);
  });

  it('refuses a gap in the chain, a duplicate and a version below 1', () => {
    const gappy = new UpcasterRegistry().register('E', 2, (data) => data);
    expect(() => gappy.upcast(stored('E', 1, {}))).toThrow('No upcaster for E from schema version 1');
    expect(() => gappy.register('E', 2, (data) => data)).toThrow('already registered');
    expect(() => gappy.register('E', 0, (data) => data)).toThrow(RangeError);
  });
});
