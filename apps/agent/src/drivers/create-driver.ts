import type { AgentConfig } from '../config/agent-config';
import type { AgentLogger } from '../logger';
import type { ApplyObserver } from '../observability/agent-metrics';
import type { Driver } from './driver';
import { MemoryDriver } from './memory.driver';
import { NftablesDriver } from './nftables/nftables.driver';

/** The configured driver, ready: the nftables driver refuses to start where nft or its namespace does not work. */
export async function createDriver(config: Pick<AgentConfig, 'driver' | 'nftables'>, logger: AgentLogger, observer?: ApplyObserver): Promise<Driver> {
  switch (config.driver) {
    case 'memory':
      return new MemoryDriver();
    case 'nftables':
      return NftablesDriver.start(config.nftables, logger, undefined, observer);
  }
}
