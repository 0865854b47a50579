import { LeaderLock } from '@sg/application';
import { Client } from 'pg';

/** A one-key advisory lock: the stream and VPC-limit locks take two keys, a space this one never meets. */
const LEADER_LOCK = 0x53470002;

/**
 * The worker's leader lock: a session-level advisory lock on a connection of its own, so it lapses
 * when the process dies or the connection drops (another replica then takes it).
 */
export class PostgresLeaderLock extends LeaderLock {
  private client: Client | null = null;
  private held = false;

  constructor(
    private readonly url: string,
    private readonly applicationName = 'security-groups-leader',
  ) {
    super();
  }

  get leading(): boolean {
    return this.held;
  }

  async tryLead(): Promise<boolean> {
    try {
      const client = this.client ?? (await this.connect());
      if (!this.held) this.held = (await client.query(`SELECT pg_try_advisory_lock($1) AS ok`, [LEADER_LOCK])).rows[0].ok === true;
    } catch {
      await this.drop();
    }
    return this.held;
  }

  async release(): Promise<void> {
    await this.drop();
  }

  private async connect(): Promise<Client> {
    const client = new Client({ connectionString: this.url, application_name: this.applicationName });
    client.on('error', () => {
      if (this.client === client) void this.drop();
    });
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
    return client;
  }

  /** Closing the session lets the lock go. */
  private async drop(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.held = false;
    await client?.end().catch(() => undefined);
  }
}
