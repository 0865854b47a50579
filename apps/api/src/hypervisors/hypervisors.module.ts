import { Module } from '@nestjs/common';
import { RegisterHypervisorHandler } from './commands/register-hypervisor/register-hypervisor.handler';
import { RegisterHypervisorHttpController } from './commands/register-hypervisor/register-hypervisor.http.controller';
import { ResyncHypervisorHandler } from './commands/resync-hypervisor/resync-hypervisor.handler';
import { ResyncHypervisorHttpController } from './commands/resync-hypervisor/resync-hypervisor.http.controller';
import { GetHypervisorHandler } from './queries/get-hypervisor/get-hypervisor.handler';
import { GetHypervisorHttpController } from './queries/get-hypervisor/get-hypervisor.http.controller';
import { ListHypervisorsHandler } from './queries/list-hypervisors/list-hypervisors.handler';
import { ListHypervisorsHttpController } from './queries/list-hypervisors/list-hypervisors.http.controller';

const CommandHandlers = [RegisterHypervisorHandler, ResyncHypervisorHandler];
const QueryHandlers = [ListHypervisorsHandler, GetHypervisorHandler];
const HttpControllers = [RegisterHypervisorHttpController, ResyncHypervisorHttpController, ListHypervisorsHttpController, GetHypervisorHttpController];

@Module({ controllers: HttpControllers, providers: [...CommandHandlers, ...QueryHandlers] })
export class HypervisorsModule {}
