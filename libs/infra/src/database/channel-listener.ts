import { Client } from 'pg';

/**
 * One LISTEN connection per process and channel, shared by every subscriber: a NOTIFY wakes
 * them all. Connected on the first subscription and again after it drops; subscribers also poll,
 * so a NOTIFY lost while Postgres restarted delays their reading instead of losing anything.
 */
export class ChannelListener {
  private readonly listeners = new Set<() => void>();
  private client: Client | null = null;
  private connecting: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly applicationName: string,
    private readonly onProblem: (message: string) => void = () => undefined,
  ) {}

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    void this.ensureListening();
    return () => this.listeners.delete(listener);
  }

  private ensureListening(): Promise<void> {
    if (this.client || this.closed) return Promise.resolve();
    this.connecting ??= (async () => {
      const client = new Client({ connectionString: this.url, application_name: this.applicationName });
      client.on('notification', () => this.listeners.forEach((l) => l()));
      client.on('error', () => {
        if (this.client === client) this.client = null;
        void client.end().catch(() => undefined);
      });
      try {
        await client.connect();
        await client.query(`LISTEN ${this.channel}`);
        this.client = client;
      } catch (error) {
        this.onProblem(`cannot listen on ${this.channel} yet: ${(error as Error).message}`);
        await client.end().catch(() => undefined);
      } finally {
        this.connecting = null;
      }
    })();
    return this.connecting;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    await this.connecting;
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }
}
