import type { EntityManager } from 'typeorm';
import { HypervisorEvents, type StoredEvent } from '@sg/application';
import type { InlineProjection } from '../event-store/inline-projection';

/** `rm_hypervisors`: each registered agent and where to reach it. */
export const hypervisorProjection: InlineProjection = {
  name: 'hypervisors',
  handles: (type) => HypervisorEvents.handles(type),
  async apply(tx: EntityManager, events: readonly StoredEvent[]) {
    for (const stored of events) {
      const e = HypervisorEvents.decode(stored);
      await tx.query(
        `INSERT INTO rm_hypervisors (id, agent_url, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)
         ON CONFLICT (id) DO UPDATE SET agent_url = excluded.agent_url, version = excluded.version, updated_at = excluded.updated_at`,
        [e.data.hypervisorId, e.data.agentUrl, stored.version, e.data.at],
      );
    }
  },
};
