import { Module } from '@nestjs/common';
import { RetryOperationHandler } from './commands/retry-operation/retry-operation.handler';
import { RetryOperationHttpController } from './commands/retry-operation/retry-operation.http.controller';
import { GetOperationHandler } from './queries/get-operation/get-operation.handler';
import { GetOperationHttpController } from './queries/get-operation/get-operation.http.controller';
import { ListOperationsHandler } from './queries/list-operations/list-operations.handler';
import { ListOperationsHttpController } from './queries/list-operations/list-operations.http.controller';

const CommandHandlers = [RetryOperationHandler];
const QueryHandlers = [GetOperationHandler, ListOperationsHandler];
const HttpControllers = [RetryOperationHttpController, ListOperationsHttpController, GetOperationHttpController];

@Module({ controllers: HttpControllers, providers: [...CommandHandlers, ...QueryHandlers] })
export class OperationsModule {}
