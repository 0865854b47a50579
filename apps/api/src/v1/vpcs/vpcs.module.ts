import { Module } from '@nestjs/common';
import { CreateVpcHttpController } from './create-vpc/create-vpc.http.controller';
import { DeleteVpcHttpController } from './delete-vpc/delete-vpc.http.controller';
import { GetVpcHttpController } from './get-vpc/get-vpc.http.controller';
import { ListVpcsHttpController } from './list-vpcs/list-vpcs.http.controller';

@Module({ controllers: [CreateVpcHttpController, DeleteVpcHttpController, ListVpcsHttpController, GetVpcHttpController] })
export class VpcsModule {}
