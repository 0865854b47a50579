import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';

export class IcmpRequest {
  @ApiProperty({ example: 8, minimum: 0, maximum: 255 }) type!: number;
  @ApiPropertyOptional({ example: 0, minimum: 0, maximum: 255, description: 'Omit for every code of the type' }) code?: number;
}

export class RemoteGroupRequest {
  @ApiProperty({ example: 'sg-0mh2k8q1a7c1d2e3f4a5b', description: 'A security group of the same VPC' }) group!: string;
}

/** RULE_INPUT of the /v1 contract. Documentation only: the face's parser (rule-input.normalize.ts) validates the raw body. */
export class RuleInputRequest {
  @ApiPropertyOptional({ enum: ['inbound', 'outbound'], description: 'Required in POST …/rules; implied by the list in PUT …/rules' })
  direction?: string;

  @ApiPropertyOptional({ enum: ['SSH', 'RDP', 'MySQL', 'HTTP', 'HTTPS'], description: 'Fills protocol tcp and the port (22, 3389, 3306, 80, 443)' })
  preset?: string;

  @ApiPropertyOptional({
    oneOf: [{ type: 'string' }, { type: 'integer', minimum: 0, maximum: 255 }],
    example: 'tcp',
    description:
      'Required unless preset is given. tcp, udp, icmp, icmpv6 or all (lower case), another IP protocol by name ' +
      '(ah, dccp, egp, esp, gre, hopopt, igmp, ipip, ipv6-encap, ipv6-frag, ipv6-icmp, ipv6-nonxt, ipv6-opts, ipv6-route, ' +
      'ospf, pgm, rsvp, sctp, udplite, vrrp), or any protocol number 0–255 (6, 17, 1 and 58 read as tcp, udp, icmp, icmpv6). ' +
      'Ports apply to tcp, udp, dccp, sctp and udplite; IPv6-only protocols need ipVersion IPv6.',
  })
  protocol?: string | number;

  @ApiPropertyOptional({
    example: '8000-8080',
    description: 'tcp/udp only: "all" (the default), a port like "22" or 22, or a range "from-to" within 1–65535',
    oneOf: [{ type: 'string', example: '8000-8080' }, { type: 'integer', minimum: 1, maximum: 65535, example: 22 }],
  })
  ports?: string | number;

  @ApiPropertyOptional({ type: IcmpRequest, description: 'icmp/icmpv6 only; omit for every ICMP type' })
  icmp?: IcmpRequest;

  @ApiPropertyOptional({ enum: ['IPv4', 'IPv6'], description: 'Inferred from the remote; required when the remote is a group' })
  ipVersion?: string;

  @ApiPropertyOptional({
    description:
      'Sources of inbound rules, destinations of outbound ones: "all-ipv4" (the default), "all-ipv6", "my-ip" (your address as the server sees it), ' +
      'a list of addresses and CIDRs (N entries make N rules; a bare address is /32 or /128; host bits are cleared with a warning), or {"group": "sg-…"}. ' +
      'At most 1000 addresses in one request (quota-exceeded).',
    oneOf: [
      { type: 'string', enum: ['all-ipv4', 'all-ipv6', 'my-ip'] },
      { type: 'array', items: { type: 'string' }, example: ['203.0.113.7', '198.51.100.0/24', '2001:db8::/32'] },
      { $ref: getSchemaPath(RemoteGroupRequest) },
    ],
  })
  remote?: string | string[] | RemoteGroupRequest;

  @ApiPropertyOptional({ maxLength: 255, example: 'office VPN' }) description?: string;
}

export class AddRulesRequest {
  @ApiProperty({
    type: [RuleInputRequest],
    example: [{ direction: 'inbound', preset: 'SSH', remote: ['203.0.113.7'] }, { direction: 'inbound', protocol: 'tcp', ports: '8000-8080', remote: 'my-ip' }],
  })
  rules!: RuleInputRequest[];
}
