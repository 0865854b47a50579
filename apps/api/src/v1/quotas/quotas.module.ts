import { Module } from '@nestjs/common';
import { GetQuotasHttpController } from './get-quotas/get-quotas.http.controller';
import { ResetQuotasHttpController } from './reset-quotas/reset-quotas.http.controller';
import { SetQuotasHttpController } from './set-quotas/set-quotas.http.controller';

/** /v1/quotas/{tenant}: the tenants' project quotas, the same ones the Neutron face shows and sets. */
@Module({ controllers: [GetQuotasHttpController, SetQuotasHttpController, ResetQuotasHttpController] })
export class QuotasModule {}
