import { randomUUID } from 'node:crypto';
import {
  DEFAULT_LIMITS,
  decideInstance,
  decideSecurityGroup,
  initialInstanceState,
} from '../../libs/domain/src';
import { findVpc, instancesOfVpc } from '../../libs/infra/src';
import { EventStore, loadAggregate, newId, SecurityGroupAggregate, StreamTypes } from '../../libs/application/src';
import type { StartedApi } from './api';

export interface InstanceFixture {
  vpcId: string;
  ipv4?: string | null;
  ipv6?: string | null;
  hypervisorId?: string;
  name?: string;
}

/**
 * Registers an instance as the compute service would, for tests that need instances without
 * going through the instances endpoints: the domain decides, the API's own event store appends
 * (so the inline read models follow), and the VPC's default group is applied to it in the same
 * transaction, as the /v1 contract says registration does.
 */
export async function registerInstance(api: StartedApi, fixture: InstanceFixture): Promise<string> {
  const m = api.db.dataSource.manager;
  const vpc = await findVpc(m, fixture.vpcId, null);
  if (!vpc) throw new Error(`registerInstance: no VPC ${fixture.vpcId}`);
  const store = api.app.get(EventStore);
  const now = new Date().toISOString();
  const instanceId = newId('i');
  const addressesInUse = (await instancesOfVpc(m, vpc.id)).flatMap((i) => [i.ipv4, i.ipv6]).filter((a): a is string => a !== null);
  const instanceEvents = decideInstance(
    {
      type: 'RegisterInstance',
      instanceId,
      tenant: vpc.tenant,
      name: fixture.name ?? instanceId,
      hypervisorId: fixture.hypervisorId ?? 'hv-test-1',
      ipv4: fixture.ipv4 ?? null,
      ipv6: fixture.ipv6 ?? null,
      vpc: { id: vpc.id, cidr: vpc.cidr },
      addressesInUse,
    },
    initialInstanceState(),
    now,
  );
  const defaultGroup = await loadAggregate(store, vpc.defaultSecurityGroupId, SecurityGroupAggregate);
  const groupEvents = decideSecurityGroup(
    { type: 'ChangeAppliedTo', mode: 'add', instanceIds: [instanceId], cidrs: [], instances: { [instanceId]: { vpcId: vpc.id, groupCount: 0 } } },
    defaultGroup.state,
    { now, newRuleId: () => newId('sgr'), limits: DEFAULT_LIMITS },
  );
  await store.appendToStreams(
    [
      { streamId: instanceId, streamType: StreamTypes.instance, expectedVersion: 'no-stream', events: instanceEvents },
      { streamId: vpc.defaultSecurityGroupId, streamType: StreamTypes.securityGroup, expectedVersion: defaultGroup.version, events: groupEvents },
    ],
    { actor: 'test/fixture', tenant: vpc.tenant, requestId: randomUUID() },
  );
  return instanceId;
}
