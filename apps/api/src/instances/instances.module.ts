import { Module } from '@nestjs/common';
import { DeleteInstanceHandler } from './commands/delete-instance/delete-instance.handler';
import { DeleteInstanceHttpController } from './commands/delete-instance/delete-instance.http.controller';
import { MoveInstanceHandler } from './commands/move-instance/move-instance.handler';
import { MoveInstanceHttpController } from './commands/move-instance/move-instance.http.controller';
import { RegisterInstanceHandler } from './commands/register-instance/register-instance.handler';
import { RegisterInstanceHttpController } from './commands/register-instance/register-instance.http.controller';
import { CheckFlowHandler } from './queries/check-flow/check-flow.handler';
import { CheckFlowHttpController } from './queries/check-flow/check-flow.http.controller';
import { GetEffectiveRulesHandler } from './queries/get-effective-rules/get-effective-rules.handler';
import { GetEffectiveRulesHttpController } from './queries/get-effective-rules/get-effective-rules.http.controller';
import { GetInstanceHandler } from './queries/get-instance/get-instance.handler';
import { GetInstanceHttpController } from './queries/get-instance/get-instance.http.controller';
import { ListInstancesHandler } from './queries/list-instances/list-instances.handler';
import { ListInstancesHttpController } from './queries/list-instances/list-instances.http.controller';

const CommandHandlers = [RegisterInstanceHandler, MoveInstanceHandler, DeleteInstanceHandler];
const QueryHandlers = [ListInstancesHandler, GetInstanceHandler, GetEffectiveRulesHandler, CheckFlowHandler];
const HttpControllers = [
  RegisterInstanceHttpController,
  MoveInstanceHttpController,
  DeleteInstanceHttpController,
  ListInstancesHttpController,
  GetInstanceHttpController,
  GetEffectiveRulesHttpController,
  CheckFlowHttpController,
];

@Module({ controllers: HttpControllers, providers: [...CommandHandlers, ...QueryHandlers] })
export class InstancesModule {}
