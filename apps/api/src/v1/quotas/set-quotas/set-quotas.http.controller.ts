import { Body, Controller, Inject, Param, Put, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { SetQuotasCommand } from '@sg/application';
import type { Response } from 'express';
import { OperatorOnly } from '../../../platform/auth/roles.decorator';
import { ApiWrite } from '../../../platform/http/problem.response';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { send, writeContext } from '../../../platform/http/send';
import { QuotasResponse, quotasAnswer } from '../quota.presenter';
import { parseSetQuotasInput, parseTenantParam } from '../quota.input';
import { SetQuotasRequest } from './set-quotas.request.dto';

@ApiTags('quotas')
@ApiBearerAuth()
@Controller('v1/quotas')
export class SetQuotasHttpController {
  constructor(@Inject(CommandBus) private readonly commandBus: CommandBus) {}

  @Put(':tenant')
  @OperatorOnly()
  @ApiOperation({
    summary: 'Set a tenant\'s project quotas (operator)',
    description: 'The values given replace the current ones; the others keep theirs. Lowering a quota below what is used is allowed: it only blocks growth. Independent of the per-VPC and per-group limits.',
  })
  @ApiParam({ name: 'tenant', example: 'demo', description: 'The tenant (an OpenStack project)' })
  @ApiOkResponse({ type: QuotasResponse })
  @ApiWrite({ 400: 'validation-failed: a quota that is not an integer from -1 to 2147483647, an unknown field', 403: 'forbidden: a member key' })
  async set(@Ctx() ctx: RequestContext, @Param('tenant') tenant: string, @Body() body: SetQuotasRequest, @Res() res: Response): Promise<void> {
    const changes = parseSetQuotasInput(body);
    send(res, await this.commandBus.execute(new SetQuotasCommand(writeContext(ctx, quotasAnswer), parseTenantParam(tenant), changes)), quotasAnswer);
  }
}
