import { type Flow, InvalidValue, Issues, parseAddress, parseProtocol } from '@sg/domain';

const FLOW_FIELDS = new Set(['direction', 'protocol', 'port', 'icmp', 'remote']);

/** Reads the flow-check request body; every bad field is reported. */
export function parseFlow(input: unknown, issues: Issues): Flow | undefined {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    issues.add('', 'the body must be a JSON object');
    return undefined;
  }
  const body = input as Record<string, unknown>;
  for (const key of Object.keys(body)) if (!FLOW_FIELDS.has(key)) issues.add(key, 'unknown field');
  const direction = body.direction === 'inbound' || body.direction === 'outbound' ? body.direction : undefined;
  if (!direction) issues.add('direction', 'must be "inbound" or "outbound"');
  const protocol = issues.capture('protocol', () => {
    const p = parseProtocol(body.protocol);
    if (p === 'all') throw new InvalidValue('a connection has one protocol: tcp, udp, icmp or icmpv6');
    return p;
  });
  let port: number | null = null;
  if (protocol === 'tcp' || protocol === 'udp') {
    if (typeof body.port !== 'number' || !Number.isInteger(body.port) || body.port < 1 || body.port > 65535) issues.add('port', 'must be an integer 1–65535 for tcp and udp');
    else port = body.port;
  } else if (body.port !== undefined) {
    issues.add('port', `not used with ${String(protocol ?? 'this protocol')}`);
  }
  let icmp: Flow['icmp'] = null;
  if (body.icmp !== undefined) {
    if (protocol !== 'icmp' && protocol !== 'icmpv6') issues.add('icmp', 'only for icmp and icmpv6');
    const i = body.icmp as Record<string, unknown> | null;
    const ok = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 255;
    if (!i || typeof i !== 'object' || !ok(i.type) || !(i.code === undefined || ok(i.code))) issues.add('icmp', 'must be {"type": 0–255, "code": 0–255}');
    else icmp = { type: i.type as number, code: (i.code as number | undefined) ?? 0 };
  }
  const remote = issues.capture('remote', () => {
    if (typeof body.remote !== 'string') throw new InvalidValue('must be an IP address');
    return parseAddress(body.remote);
  });
  if (remote && protocol === 'icmp' && remote.version !== 'IPv4') issues.add('remote', 'icmp is IPv4; use icmpv6 for IPv6');
  if (remote && protocol === 'icmpv6' && remote.version !== 'IPv6') issues.add('remote', 'icmpv6 is IPv6; use icmp for IPv4');
  if (!issues.empty || !direction || !protocol || !remote) return undefined;
  return { direction, protocol, port, icmp, remote: remote.address };
}

/** The flow of a flow-check body, or a 400 listing every bad field. */
export function readFlow(body: unknown): Flow {
  const issues = new Issues();
  const flow = parseFlow(body, issues);
  issues.throwIfAny('The flow to check is not valid.');
  return flow!;
}
