import type { DataSource, EntityManager } from 'typeorm';
import { computeDesiredState, DesiredState } from './desired-state';

export interface HypervisorStateRecord {
  hypervisorId: string;
  desiredRevision: number;
  appliedRevision: number;
  lastContactAt: string | null;
  lastError: string | null;
  pushes: number;
}

export interface AllocatedState extends DesiredState {
  revision: number;
  /** The agent already acknowledged this revision and the state has not changed since. */
  acknowledged: boolean;
  /** A full push was asked for, by this job or by a resync folded into it. */
  forced: boolean;
}

/** Remembers a resync until the next sync of the hypervisor, whichever job runs it. */
export async function requestForcedSync(m: EntityManager, hypervisorIds: readonly string[]): Promise<void> {
  if (hypervisorIds.length === 0) return;
  await m.query(
    `INSERT INTO hypervisor_states (hypervisor_id, force_pending) SELECT id, true FROM unnest($1::text[]) AS t(id)
     ON CONFLICT (hypervisor_id) DO UPDATE SET force_pending = true`,
    [hypervisorIds],
  );
}

/**
 * Computes the desired state and names it with a revision, atomically per hypervisor (row
 * lock): two syncs of one hypervisor never give an older state the higher revision. A changed
 * (or forced) state gets a revision above both the last desired one and anything the agent
 * reported, so a worker that lost this table still moves the agent forward.
 */
export async function allocateRevision(ds: DataSource, hypervisorId: string, force: boolean): Promise<AllocatedState> {
  return ds.transaction('READ COMMITTED', async (tx) => {
    await tx.query(`INSERT INTO hypervisor_states (hypervisor_id) VALUES ($1) ON CONFLICT DO NOTHING`, [hypervisorId]);
    const [row] = await tx.query(
      `SELECT desired_revision::int AS desired, applied_revision::int AS applied, desired_hash, force_pending FROM hypervisor_states WHERE hypervisor_id = $1 FOR UPDATE`,
      [hypervisorId],
    );
    const forced = force || row.force_pending;
    const state = await computeDesiredState(tx, hypervisorId);
    if (row.desired_hash === state.hash && row.desired > 0 && !forced) {
      return { ...state, revision: row.desired, acknowledged: row.applied >= row.desired, forced: false };
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

/** The agent acknowledged `revision`; never moves the applied revision backwards. */
export async function recordApplied(m: EntityManager, hypervisorId: string, revision: number, pushed: boolean): Promise<void> {
  await m.query(
    `UPDATE hypervisor_states SET applied_revision = GREATEST(applied_revision, $2), last_contact_at = now(), last_error = NULL,
       pushes = pushes + $3, updated_at = now() WHERE hypervisor_id = $1`,
    [hypervisorId, revision, pushed ? 1 : 0],
  );
}

/** The agent restarted or lost state: what it reports now is what it has. */
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

export async function hypervisorStates(m: EntityManager): Promise<Map<string, HypervisorStateRecord>> {
  const rows = await m.query(`SELECT * FROM hypervisor_states`);
  return new Map(
    rows.map((r: Record<string, any>) => [
      r.hypervisor_id,
      {
        hypervisorId: r.hypervisor_id,
        desiredRevision: Number(r.desired_revision),
        appliedRevision: Number(r.applied_revision),
        lastContactAt: r.last_contact_at ? new Date(r.last_contact_at).toISOString() : null,
        lastError: r.last_error,
        pushes: Number(r.pushes),
      },
    ]),
  );
}
