import { Module } from '@nestjs/common';
import { CreateVpcHandler } from './commands/create-vpc/create-vpc.handler';
import { CreateVpcHttpController } from './commands/create-vpc/create-vpc.http.controller';
import { DeleteVpcHandler } from './commands/delete-vpc/delete-vpc.handler';
import { DeleteVpcHttpController } from './commands/delete-vpc/delete-vpc.http.controller';
import { GetVpcHandler } from './queries/get-vpc/get-vpc.handler';
import { GetVpcHttpController } from './queries/get-vpc/get-vpc.http.controller';
import { ListVpcsHandler } from './queries/list-vpcs/list-vpcs.handler';
import { ListVpcsHttpController } from './queries/list-vpcs/list-vpcs.http.controller';

const CommandHandlers = [CreateVpcHandler, DeleteVpcHandler];
const QueryHandlers = [ListVpcsHandler, GetVpcHandler];
const HttpControllers = [CreateVpcHttpController, DeleteVpcHttpController, ListVpcsHttpController, GetVpcHttpController];

@Module({ controllers: HttpControllers, providers: [...CommandHandlers, ...QueryHandlers] })
export class VpcsModule {}
