import { Module } from '@nestjs/common';
import { CheckFlowHttpController } from './check-flow/check-flow.http.controller';
import { DeleteInstanceHttpController } from './delete-instance/delete-instance.http.controller';
import { GetEffectiveRulesHttpController } from './get-effective-rules/get-effective-rules.http.controller';
import { GetInstanceHttpController } from './get-instance/get-instance.http.controller';
import { ListInstancesHttpController } from './list-instances/list-instances.http.controller';
import { MoveInstanceHttpController } from './move-instance/move-instance.http.controller';
import { RegisterInstanceHttpController } from './register-instance/register-instance.http.controller';

@Module({
  controllers: [
    RegisterInstanceHttpController,
    MoveInstanceHttpController,
    DeleteInstanceHttpController,
    ListInstancesHttpController,
    GetInstanceHttpController,
    GetEffectiveRulesHttpController,
    CheckFlowHttpController,
  ],
})
export class InstancesModule {}
