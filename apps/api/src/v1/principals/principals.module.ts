import { Module } from '@nestjs/common';
import { GetPrincipalHttpController } from './get-principal/get-principal.http.controller';

/** GET /v1/me: who the caller is. */
@Module({ controllers: [GetPrincipalHttpController] })
export class PrincipalsModule {}
