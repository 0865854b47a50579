import { Module } from '@nestjs/common';
import { GetOperationHttpController } from './get-operation/get-operation.http.controller';
import { ListOperationsHttpController } from './list-operations/list-operations.http.controller';
import { RetryOperationHttpController } from './retry-operation/retry-operation.http.controller';

@Module({ controllers: [RetryOperationHttpController, ListOperationsHttpController, GetOperationHttpController] })
export class OperationsModule {}
