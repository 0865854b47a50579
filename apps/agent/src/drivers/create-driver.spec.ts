import { loadAgentConfig } from '../config/agent-config';
import { silentLogger } from '../logger';
import { sampleState } from '../testing/states';
import { createDriver } from './create-driver';

describe('drivers', () => {
  it('memory: enforces what it was given last', async () => {
    const driver = await createDriver(loadAgentConfig({}), silentLogger);
    expect(driver.describe()).toEqual({ name: 'memory', revision: null });
    expect(await driver.apply(sampleState({ revision: 4 }))).toEqual({ warnings: [] });
    expect(driver.describe()).toEqual({ name: 'memory', revision: 4 });
  });
});
