import type { Client } from '../../support/api';

/** Load ports start here: no rule of a fixture uses them, so a rule on one of them is the load's. */
export const FIRST_LOAD_PORT = 20_000;

/** Answers a client retries with the same Idempotency-Key: Postgres or Redis away (503), a lost race (409), the rate limit (429), and no answer at all. */
const RETRIED = new Set(['503', '409', '429', 'network']);

export interface LoadOptions {
  /** A member of the tenant that owns the groups. */
  http: Client;
  groupIds: string[];
  /** Clients sending at once, each one change after another. */
  clients: number;
  /** Stop after this many changes (default: until stop()). */
  changes?: number;
  /** Every other added rule is removed again by the same client (keeps groups under their rule quota on long runs). */
  removals?: boolean;
  /** How long one change is retried before the client gives it up (default 120 s). */
  giveUpAfterMs?: number;
}

export interface Change {
  /** Its number in the load: the port of an added rule is FIRST_LOAD_PORT + the number of the add. */
  index: number;
  kind: 'add' | 'remove';
  key: string;
  groupId: string;
  port: number;
  ruleId: string;
  operationId: string;
  attempts: number;
}

/**
 * Rule changes sent by `clients` concurrent clients, each with an Idempotency-Key kept across its
 * retries, as a careful client does: an answer lost to a fault is asked again, and the API must
 * neither apply it twice nor lose what it accepted (202). Records every status it got.
 */
export class ChangeLoad {
  readonly accepted: Change[] = [];
  /** Changes given up after giveUpAfterMs without a 202: not accepted, so neither lost nor owed. */
  readonly abandoned: { kind: string; key: string; port: number }[] = [];
  /** Answers that are neither a 202 nor retried: each is a failure of the scenario. */
  readonly unexpected: string[] = [];
  readonly statuses = new Map<string, number>();
  requests = 0;
  private next = 0;
  private stopped = false;
  private readonly runs: Promise<void>[] = [];
  private readonly run = Math.random().toString(36).slice(2, 8);

  constructor(private readonly options: LoadOptions) {}

  start(): this {
    for (let c = 0; c < this.options.clients; c++) this.runs.push(this.client());
    return this;
  }

  /** Sends no new change; resolves once every change under way is answered or given up. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.runs);
  }

  /** Resolves once the set number of changes is done (or stop() was called). */
  async finished(): Promise<void> {
    await Promise.all(this.runs);
  }

  get added(): Change[] {
    return this.accepted.filter((c) => c.kind === 'add');
  }

  get removed(): Change[] {
    return this.accepted.filter((c) => c.kind === 'remove');
  }

  /** Resolves once `count` changes were accepted (or fails after timeoutMs). */
  async acceptedAtLeast(count: number, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.accepted.length < count) {
      if (Date.now() > deadline) throw new Error(`only ${this.accepted.length} of ${count} changes accepted in ${timeoutMs} ms; statuses ${JSON.stringify(Object.fromEntries(this.statuses))}`);
      await sleep(20);
    }
  }

  statusSummary(): Record<string, number> {
    return Object.fromEntries([...this.statuses].sort());
  }

  private async client(): Promise<void> {
    const { changes, groupIds, removals } = this.options;
    while (!this.stopped && (changes === undefined || this.next < changes)) {
      const index = this.next++;
      const groupId = groupIds[index % groupIds.length];
      const port = FIRST_LOAD_PORT + index;
      const key = `load-${this.run}-add-${index}`;
      const added = await this.send('add', key, port, () =>
        this.options.http.post(`/v1/security-groups/${groupId}/rules`, { rules: [{ direction: 'inbound', protocol: 'tcp', ports: String(port), ipVersion: 'IPv4', remote: ['198.51.100.0/24'] }] }, { 'idempotency-key': key }),
      );
      if (!added) continue;
      const ruleId: string | undefined = added.body.inboundRules?.find((r: { portRange: { from: number } | null }) => r.portRange?.from === port)?.id;
      if (!ruleId) {
        this.unexpected.push(`add ${key}: 202 without the rule of port ${port}: ${added.text.slice(0, 300)}`);
        continue;
      }
      this.accepted.push({ index, kind: 'add', key, groupId, port, ruleId, operationId: added.body.operation.id, attempts: added.attempts });
      if (!removals || index % 2 !== 0 || this.stopped) continue;
      const removeKey = `load-${this.run}-remove-${index}`;
      const removed = await this.send('remove', removeKey, port, () => this.options.http.delete(`/v1/security-groups/${groupId}/rules/${ruleId}`, undefined, { 'idempotency-key': removeKey }));
      if (removed) this.accepted.push({ index, kind: 'remove', key: removeKey, groupId, port, ruleId, operationId: removed.body.operation.id, attempts: removed.attempts });
    }
  }

  /** One change until it is accepted, retried on RETRIED answers; null when refused or given up. */
  private async send(kind: string, key: string, port: number, request: () => Promise<{ status: number; body: any; text: string }>): Promise<{ body: any; text: string; attempts: number } | null> {
    const giveUpAt = Date.now() + (this.options.giveUpAfterMs ?? 120_000);
    for (let attempts = 1; ; attempts++) {
      this.requests++;
      let status: string;
      let reply: { status: number; body: any; text: string } | null = null;
      try {
        reply = await request();
        status = String(reply.status);
      } catch {
        status = 'network';
      }
      this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
      if (reply && reply.status === 202) return { body: reply.body, text: reply.text, attempts };
      if (!RETRIED.has(status)) {
        this.unexpected.push(`${kind} ${key} → ${status} ${reply?.text.slice(0, 300) ?? ''}`);
        return null;
      }
      if (Date.now() > giveUpAt) {
        this.abandoned.push({ kind, key, port });
        return null;
      }
      await sleep(100 + Math.random() * 150);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
