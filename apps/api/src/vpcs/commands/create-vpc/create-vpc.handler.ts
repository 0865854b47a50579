import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideSecurityGroup, decideVpc, initialSecurityGroupState, initialVpcState, parseCreateVpcInput } from '@sg/domain';
import { AppConfig, findVpc } from '@sg/infra';
import { newId, StreamTypes } from '@sg/application';
import { APP_CONFIG } from '../../../platform/config.module';
import { CommandExecutor, HttpResult } from '../../../platform/commands/command-executor';
import { presentVpc } from '../../vpc.presenter';
import { CreateVpcCommand } from './create-vpc.command';

/** A VPC and its default security group, in one transaction (API.md "VPCs"). */
@CommandHandler(CreateVpcCommand)
export class CreateVpcHandler implements ICommandHandler<CreateVpcCommand> {
  constructor(
    @Inject(CommandExecutor) private readonly executor: CommandExecutor,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  execute({ ctx, body }: CreateVpcCommand): Promise<HttpResult> {
    const input = parseCreateVpcInput(body);
    return this.executor.execute(ctx, async () => {
      const now = new Date().toISOString();
      const tenant = ctx.principal.tenant;
      const vpcId = newId('vpc');
      const groupId = newId('sg');
      const vpcEvents = decideVpc({ type: 'CreateVpc', vpcId, tenant, name: input.name, cidr: input.cidr, defaultSecurityGroupId: groupId }, initialVpcState(), now);
      const groupEvents = decideSecurityGroup({ type: 'CreateDefaultSecurityGroup', groupId, vpcId, tenant }, initialSecurityGroupState(), {
        now,
        newRuleId: () => newId('sgr'),
        limits: this.config.limits,
      });
      return {
        tenant,
        appends: [
          { streamId: vpcId, streamType: StreamTypes.vpc, expectedVersion: 'no-stream', events: vpcEvents },
          { streamId: groupId, streamType: StreamTypes.securityGroup, expectedVersion: 'no-stream', events: groupEvents },
        ],
        respond: async (tx) => {
          const vpc = await findVpc(tx, vpcId, null);
          return { statusCode: 201, headers: { Location: `/v1/vpcs/${vpcId}` }, body: { ...presentVpc(vpc!), warnings: input.warnings } };
        },
      };
    });
  }
}
