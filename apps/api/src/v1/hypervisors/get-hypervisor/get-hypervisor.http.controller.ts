import { Controller, Get, Inject, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetHypervisorQuery } from '@sg/application';
import { ApiProblems } from '../../../platform/http/problem.response';
import { OperatorOnly } from '../../../platform/auth/roles.decorator';
import { HypervisorResponse } from '../hypervisor.presenter';

@ApiTags('hypervisors')
@ApiBearerAuth()
@Controller('v1/hypervisors')
export class GetHypervisorHttpController {
  constructor(@Inject(QueryBus) private readonly queryBus: QueryBus) {}

  @Get(':id')
  @OperatorOnly()
  @ApiOperation({ summary: 'Get one hypervisor with its revisions and last contact (operator)' })
  @ApiOkResponse({ type: HypervisorResponse })
  @ApiProblems({ 403: 'forbidden: a member key', 404: 'not-found: no such hypervisor' })
  get(@Param('id') id: string): Promise<HypervisorResponse> {
    return this.queryBus.execute(new GetHypervisorQuery(id));
  }
}
