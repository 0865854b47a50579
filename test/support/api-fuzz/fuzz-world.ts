import { EventStore } from '@sg/application';
import { DataSource } from 'typeorm';
import { client, Client, registerAgent, StartedApi } from '../api';
import { DomainDriver, progress } from '../audit-fixtures';

/**
 * The resources the fuzz aims at: a VPC of tenant demo with an instance, a group with rules
 * applied to it, a second group to reference, two hypervisors, a failed operation; and a few of
 * tenant acme's, whose ids must stay invisible to demo. A request that succeeds may delete or
 * empty one of them; `heal()` puts it back so later requests still reach deep code.
 */
export class FuzzWorld {
  readonly hypervisorIds = ['hv-fuzz-1', 'hv-fuzz-2'];
  vpcId = '';
  defaultGroupId = '';
  groupId = '';
  ruleIds: string[] = [];
  referencedGroupId = '';
  instanceId = '';
  failedOperationId = '';
  foreign = { vpcId: '', groupId: '', instanceId: '', ruleId: '' };
  private nextAddress = 10;

  private readonly member: Client;
  private readonly driver: DomainDriver;

  private readonly baseUrl: string;

  constructor(api: StartedApi) {
    this.baseUrl = api.url;
    this.member = client(api.url).as('member');
    this.driver = new DomainDriver(api.app.get(EventStore), api.app.get(DataSource));
  }

  async prepare(): Promise<void> {
    for (const id of this.hypervisorIds) await this.expect(registerAgent(this.baseUrl, id, `http://${id}.example:7001`), [201]);
    await this.createVpc();
    const acme = this.member.as('otherTenant');
    const vpc = await this.expect(acme.post('/v1/vpcs', { name: 'acme', cidr: '10.9.0.0/16' }), [201]);
    const instance = await this.expect(acme.post('/v1/instances', { name: 'acme-1', vpcId: vpc.id, hypervisorId: this.hypervisorIds[0], ipv4: '10.9.0.5' }), [201]);
    const group = await this.expect(
      acme.post('/v1/security-groups', { vpcId: vpc.id, name: 'acme-web', rules: [{ direction: 'inbound', preset: 'SSH', remote: ['198.51.100.1'] }] }),
      [201],
    );
    this.foreign = { vpcId: vpc.id, groupId: group.id, instanceId: instance.id, ruleId: group.inboundRules[0].id };
  }

  /** Ids of tenant demo that are not of the endpoint's own kind, and acme's: both must be 404 or 400. */
  get strangerIds(): string[] {
    return [this.vpcId, this.groupId, this.instanceId, this.failedOperationId, this.ruleIds[0] ?? 'sgr-none', ...Object.values(this.foreign)];
  }

  /** An IPv4 address of the VPC that no instance has yet. */
  freshAddress(): string {
    const n = this.nextAddress++;
    return `10.0.${2 + Math.floor(n / 250)}.${1 + (n % 250)}`;
  }

  /** Puts back whatever a successful request deleted or used up. */
  async heal(): Promise<void> {
    const vpc = await this.member.get(`/v1/vpcs/${this.vpcId}`);
    if (vpc.status === 404) return this.createVpc();
    if ((await this.member.get(`/v1/instances/${this.instanceId}`)).status === 404) await this.createInstance();
    const group = await this.member.get(`/v1/security-groups/${this.groupId}`);
    if (group.status === 404) await this.createGroups();
    else if (group.body.inboundRules.length + group.body.outboundRules.length === 0) await this.addRules();
    else this.ruleIds = rulesOf(group.body);
    if ((await this.member.get(`/v1/security-groups/${this.referencedGroupId}`)).status === 404) await this.createReferencedGroup();
    const op = await this.member.get(`/v1/operations/${this.failedOperationId}`);
    if (op.body?.status !== 'failed') await this.createFailedOperation();
  }

  private async createVpc(): Promise<void> {
    const vpc = await this.expect(this.member.post('/v1/vpcs', { name: 'fuzz', cidr: '10.0.0.0/16' }), [201]);
    this.vpcId = vpc.id;
    this.defaultGroupId = vpc.defaultSecurityGroupId;
    await this.createInstance();
    await this.createReferencedGroup();
    await this.createGroups();
    await this.createFailedOperation();
  }

  private async createInstance(): Promise<void> {
    const body = { name: 'gpu-fuzz', vpcId: this.vpcId, hypervisorId: this.hypervisorIds[0], ipv4: this.freshAddress(), ipv6: `fd00::${this.nextAddress.toString(16)}` };
    this.instanceId = (await this.expect(this.member.post('/v1/instances', body), [201])).id;
  }

  private async createReferencedGroup(): Promise<void> {
    this.referencedGroupId = (await this.expect(this.member.post('/v1/security-groups', { vpcId: this.vpcId }), [201])).id;
  }

  private async createGroups(): Promise<void> {
    const group = await this.expect(
      this.member.post('/v1/security-groups', {
        vpcId: this.vpcId,
        description: 'the fuzz target',
        tags: { team: 'ml' },
        rules: [
          { direction: 'inbound', preset: 'SSH', remote: ['203.0.113.7'] },
          { direction: 'inbound', protocol: 'tcp', ports: '8000-8080', remote: { group: this.referencedGroupId }, ipVersion: 'IPv4' },
          { direction: 'outbound', protocol: 'udp', ports: 53, remote: 'all-ipv4' },
        ],
        applyTo: { instanceIds: [this.instanceId], cidrs: ['10.0.1.0/24'] },
      }),
      [201],
    );
    this.groupId = group.id;
    this.ruleIds = rulesOf(group);
  }

  private async addRules(): Promise<void> {
    const group = await this.expect(this.member.post(`/v1/security-groups/${this.groupId}/rules`, { rules: [{ direction: 'inbound', preset: 'HTTPS', remote: ['192.0.2.0/24'] }] }), [202]);
    this.ruleIds = rulesOf(group);
  }

  private async createFailedOperation(): Promise<void> {
    const hv = this.hypervisorIds[0];
    const id = await this.driver.queueOperation({ tenant: 'demo', resource: { type: 'security-group', id: this.groupId || 'sg-none' }, targets: [{ hypervisorId: hv, instanceIds: [this.instanceId] }] });
    await this.driver.advanceOperation(id, [progress.started(), progress.targetFailed(hv, 'connection refused'), progress.failed()]);
    this.failedOperationId = id;
  }

  private async expect(reply: Promise<{ status: number; body: any; text: string }>, statuses: number[]): Promise<any> {
    const r = await reply;
    if (!statuses.includes(r.status)) throw new Error(`fuzz fixture: expected ${statuses.join('/')}, got ${r.status}: ${r.text.slice(0, 500)}`);
    return r.body;
  }
}

function rulesOf(group: { inboundRules: { id: string }[]; outboundRules: { id: string }[] }): string[] {
  return [...group.inboundRules, ...group.outboundRules].map((r) => r.id);
}
