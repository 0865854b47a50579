import { Controller, Delete, Inject, Param, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { SetQuotasCommand } from '@sg/application';
import type { Response } from 'express';
import { OperatorOnly } from '../../../platform/auth/roles.decorator';
import { ApiWrite } from '../../../platform/http/problem.response';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { send, writeContext } from '../../../platform/http/send';
import { QuotasResponse, quotasAnswer } from '../quota.presenter';
import { parseTenantParam } from '../quota.input';

@ApiTags('quotas')
@ApiBearerAuth()
@Controller('v1/quotas')
export class ResetQuotasHttpController {
  constructor(@Inject(CommandBus) private readonly commandBus: CommandBus) {}

  @Delete(':tenant')
  @OperatorOnly()
  @ApiOperation({ summary: 'Reset a tenant\'s project quotas to the defaults (operator): 10 groups, 100 rules' })
  @ApiParam({ name: 'tenant', example: 'demo', description: 'The tenant (an OpenStack project)' })
  @ApiOkResponse({ type: QuotasResponse, description: 'The quotas now (the defaults)' })
  @ApiWrite({ 400: 'validation-failed: not a tenant name', 403: 'forbidden: a member key' }, { body: false })
  async reset(@Ctx() ctx: RequestContext, @Param('tenant') tenant: string, @Res() res: Response): Promise<void> {
    send(res, await this.commandBus.execute(new SetQuotasCommand(writeContext(ctx, quotasAnswer), parseTenantParam(tenant), null)), quotasAnswer);
  }
}
