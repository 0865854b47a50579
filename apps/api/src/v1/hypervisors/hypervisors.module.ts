import { Module } from '@nestjs/common';
import { GetHypervisorHttpController } from './get-hypervisor/get-hypervisor.http.controller';
import { ListHypervisorsHttpController } from './list-hypervisors/list-hypervisors.http.controller';
import { RegisterHypervisorHttpController } from './register-hypervisor/register-hypervisor.http.controller';
import { ResyncHypervisorHttpController } from './resync-hypervisor/resync-hypervisor.http.controller';

@Module({ controllers: [RegisterHypervisorHttpController, ResyncHypervisorHttpController, ListHypervisorsHttpController, GetHypervisorHttpController] })
export class HypervisorsModule {}
