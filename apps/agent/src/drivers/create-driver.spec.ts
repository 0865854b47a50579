import { sampleState } from '../testing/states';
import { createDriver } from './create-driver';

describe('drivers', () => {
  it('memory: enforces what it was given last', async () => {
    const driver = createDriver('memory');
    expect(driver.describe()).toEqual({ name: 'memory', revision: null });
    await driver.apply(sampleState({ revision: 4 }));
    expect(driver.describe()).toEqual({ name: 'memory', revision: 4 });
  });

  it('nftables: refused at start, naming the setting, until it exists', () => {
    expect(() => createDriver('nftables')).toThrow(/^AGENT_DRIVER: the nftables driver is not implemented yet/);
  });
});
