import { Module } from '@nestjs/common';
import { ListFindingsHttpController } from './list-findings/list-findings.http.controller';

/** What the checks found risky in the security groups, open and closed (docs/audit.md). */
@Module({ controllers: [ListFindingsHttpController] })
export class FindingsModule {}
