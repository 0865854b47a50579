import { Module } from '@nestjs/common';
import { GetOperationHandler } from './queries/get-operation/get-operation.handler';
import { GetOperationHttpController } from './queries/get-operation/get-operation.http.controller';
import { ListOperationsHandler } from './queries/list-operations/list-operations.handler';
import { ListOperationsHttpController } from './queries/list-operations/list-operations.http.controller';

const QueryHandlers = [GetOperationHandler, ListOperationsHandler];
const HttpControllers = [ListOperationsHttpController, GetOperationHttpController];

@Module({ controllers: HttpControllers, providers: [...QueryHandlers] })
export class OperationsModule {}
