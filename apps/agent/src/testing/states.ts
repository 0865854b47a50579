import type { DesiredState, StatePort } from '../state/desired-state';

/** A port with one group that opens SSH from a documentation network: the protocol doc's example. */
export function samplePort(instanceId = 'i-0001', ipv4 = '10.0.1.5'): StatePort {
  return {
    instanceId,
    vpcId: 'vpc-0001',
    ipv4,
    ipv6: null,
    groups: [
      {
        groupId: 'sg-0001',
        name: 'web-servers',
        rules: [
          {
            id: 'sgr-0001',
            direction: 'inbound',
            protocol: 'tcp',
            portRange: { from: 22, to: 22 },
            icmp: null,
            ipVersion: 'IPv4',
            remoteCidrs: ['203.0.113.0/24'],
            remoteGroupId: null,
          },
        ],
      },
    ],
  };
}

/** A valid `PUT /v1/state` body; override what the test is about. */
export function sampleState(overrides: Partial<DesiredState> = {}): DesiredState {
  return { hypervisorId: 'hv-1', revision: 1, force: false, ports: [samplePort()], remoteGroups: [], ...overrides };
}
