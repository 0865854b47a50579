import { ConfigurationError } from '@sg/infra/database/database.config';
import type { DriverName } from '../config/agent-config';
import type { Driver } from './driver';
import { MemoryDriver } from './memory.driver';

export function createDriver(name: DriverName): Driver {
  switch (name) {
    case 'memory':
      return new MemoryDriver();
    case 'nftables':
      // A valid choice for the setting, refused at start rather than at the first push.
      throw new ConfigurationError('AGENT_DRIVER', 'the nftables driver is not implemented yet; use AGENT_DRIVER=memory');
  }
}
