/**
 * nft names for the agent's objects. nft 1.0 takes only bare identifiers
 * (`[A-Za-z_][A-Za-z0-9_./-]*`) as chain and set names, and the protocol's ids may also hold `:`,
 * which never appears with `/`: mapping one to the other keeps names readable and distinct.
 * The fixed prefixes keep the kinds apart (a group's chain can never be named like a port's).
 */
const encode = (id: string) => id.replaceAll(':', '/');

export const names = {
  groupChain: (groupId: string, direction: 'in' | 'out') => `group_${direction}_${encode(groupId)}`,
  portChain: (instanceId: string, direction: 'in' | 'out') => `port_${direction}_${encode(instanceId)}`,
  memberSet: (groupId: string, version: 'IPv4' | 'IPv6') => `members${version === 'IPv4' ? 4 : 6}_${encode(groupId)}`,
  /** Base chains, maps and sets every table has. */
  forwardOut: 'forward_from_vm',
  forwardIn: 'forward_to_vm',
  input: 'input_from_vm',
  vmToHost: 'vm_to_host',
  egressMap: 'from_port',
  ingressMap: 'to_port',
  portSet: 'vm_ports',
  sources4: 'vm_sources4',
  sources6: 'vm_sources6',
};
