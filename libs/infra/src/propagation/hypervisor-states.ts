import { type AllocatedState, type HypervisorStateRecord, HypervisorStates } from '@sg/application';
import type { DataSource, EntityManager } from 'typeorm';
import { computeDesiredState, DesiredState } from './desired-state';

export async function requestForcedSync(m: EntityManager, hypervisorIds: readonly string[]): Promise<void> {
  if (hypervisorIds.length === 0) return;
  await m.query(
    `INSERT INTO hypervisor_states (hypervisor_id, force_pending) SELECT id, true FROM unnest($1::text[]) AS t(id)
     ON CONFLICT (hypervisor_id) DO UPDATE SET force_pending = true`,
    [hypervisorIds],
  );
}

/** See HypervisorStates.allocateRevision; a worker that lost this table still moves the agent forward. */
export async function allocateRevision(ds: DataSource, hypervisorId: string, force: boolean): Promise<AllocatedState & DesiredState> {
  return ds.transaction('READ COMMITTED', async (tx) => {
    await tx.query(`INSERT INTO hypervisor_states (hypervisor_id) VALUES ($1) ON CONFLICT DO NOTHING`, [hypervisorId]);
    const [row] = await tx.query(
      `SELECT desired_revision::float8 AS desired, applied_revision::float8 AS applied, desired_hash, force_pending FROM hypervisor_states WHERE hypervisor_id = $1 FOR UPDATE`,
      [hypervisorId],
    );
    const forced = force || row.force_pending;
    const state = await computeDesiredState(tx, hypervisorId);
    if (row.desired_hash === state.hash && row.desired > 0 && !forced) {
      // Acknowledged only when the agent's last known revision IS this one: a higher one came from
      // somewhere else (drift), and gets a push above it.
      return { ...state, revision: row.desired, acknowledged: row.applied === row.desired, forced: false };
    }
    const revision = Math.max(row.desired, row.applied) + 1;
    await tx.query(`UPDATE hypervisor_states SET desired_revision = $2, desired_hash = $3, force_pending = false, updated_at = now() WHERE hypervisor_id = $1`, [
      hypervisorId,
      revision,
      state.hash,
    ]);
    return { ...state, revision, acknowledged: false, forced };
  });
}

export async function recordApplied(m: EntityManager, hypervisorId: string, revision: number, pushed: boolean): Promise<void> {
  await m.query(
    `UPDATE hypervisor_states SET applied_revision = GREATEST(applied_revision, $2), last_contact_at = now(), last_error = NULL,
       pushes = pushes + $3, updated_at = now() WHERE hypervisor_id = $1`,
    [hypervisorId, revision, pushed ? 1 : 0],
  );
}

export async function recordReported(m: EntityManager, hypervisorId: string, appliedRevision: number): Promise<void> {
  await m.query(
    `INSERT INTO hypervisor_states (hypervisor_id, applied_revision, last_contact_at) VALUES ($1, $2, now())
     ON CONFLICT (hypervisor_id) DO UPDATE SET applied_revision = $2, last_contact_at = now(), updated_at = now()`,
    [hypervisorId, appliedRevision],
  );
}

export async function recordError(m: EntityManager, hypervisorId: string, error: string): Promise<void> {
  await m.query(`UPDATE hypervisor_states SET last_error = $2, updated_at = now() WHERE hypervisor_id = $1`, [hypervisorId, error.slice(0, 1000)]);
}

export async function hypervisorStates(m: EntityManager, hypervisorId?: string): Promise<Map<string, HypervisorStateRecord>> {
  const rows = await m.query(`SELECT * FROM hypervisor_states WHERE ($1::text IS NULL OR hypervisor_id = $1)`, [hypervisorId ?? null]);
  return new Map(
    rows.map((r: Record<string, any>) => [
      r.hypervisor_id,
      {
        hypervisorId: r.hypervisor_id,
        desiredRevision: Number(r.desired_revision),
        desiredHash: r.desired_hash,
        appliedRevision: Number(r.applied_revision),
        lastContactAt: r.last_contact_at ? new Date(r.last_contact_at).toISOString() : null,
        lastError: r.last_error,
        pushes: Number(r.pushes),
      },
    ]),
  );
}

export class PostgresHypervisorStates extends HypervisorStates {
  constructor(private readonly ds: DataSource) {
    super();
  }

  all(): Promise<Map<string, HypervisorStateRecord>> {
    return hypervisorStates(this.ds.manager);
  }

  async find(hypervisorId: string): Promise<HypervisorStateRecord | null> {
    return (await hypervisorStates(this.ds.manager, hypervisorId)).get(hypervisorId) ?? null;
  }

  revisionLags(): Promise<{ hypervisorId: string; lag: number }[]> {
    return this.ds.query(
      `SELECT h.id AS "hypervisorId", GREATEST(COALESCE(s.desired_revision, 0) - COALESCE(s.applied_revision, 0), 0)::int AS lag
         FROM rm_hypervisors h LEFT JOIN hypervisor_states s ON s.hypervisor_id = h.id ORDER BY h.id`,
    );
  }

  requestForcedSync(hypervisorIds: readonly string[]): Promise<void> {
    return requestForcedSync(this.ds.manager, hypervisorIds);
  }

  allocateRevision(hypervisorId: string, force: boolean): Promise<AllocatedState> {
    return allocateRevision(this.ds, hypervisorId, force);
  }

  recordApplied(hypervisorId: string, revision: number, pushed: boolean): Promise<void> {
    return recordApplied(this.ds.manager, hypervisorId, revision, pushed);
  }

  recordReported(hypervisorId: string, appliedRevision: number): Promise<void> {
    return recordReported(this.ds.manager, hypervisorId, appliedRevision);
  }

  recordError(hypervisorId: string, error: string): Promise<void> {
    return recordError(this.ds.manager, hypervisorId, error);
  }

  async hasDrifted(hypervisorId: string): Promise<boolean> {
    const desired = await computeDesiredState(this.ds.manager, hypervisorId);
    const [row]: { desired_hash: string | null }[] = await this.ds.query(`SELECT desired_hash FROM hypervisor_states WHERE hypervisor_id = $1`, [hypervisorId]);
    return row?.desired_hash !== desired.hash;
  }
}
