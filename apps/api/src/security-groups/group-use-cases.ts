import type { Type } from '@nestjs/common';
import { AddAppliedToHandler } from './commands/add-applied-to/add-applied-to.handler';
import { AddAppliedToHttpController } from './commands/add-applied-to/add-applied-to.http.controller';
import { CreateSecurityGroupHandler } from './commands/create-security-group/create-security-group.handler';
import { CreateSecurityGroupHttpController } from './commands/create-security-group/create-security-group.http.controller';
import { DeleteSecurityGroupHandler } from './commands/delete-security-group/delete-security-group.handler';
import { DeleteSecurityGroupHttpController } from './commands/delete-security-group/delete-security-group.http.controller';
import { RemoveAppliedToHandler } from './commands/remove-applied-to/remove-applied-to.handler';
import { RemoveAppliedToHttpController } from './commands/remove-applied-to/remove-applied-to.http.controller';
import { SetAppliedToHandler } from './commands/set-applied-to/set-applied-to.handler';
import { SetAppliedToHttpController } from './commands/set-applied-to/set-applied-to.http.controller';
import { UpdateSecurityGroupHandler } from './commands/update-security-group/update-security-group.handler';
import { UpdateSecurityGroupHttpController } from './commands/update-security-group/update-security-group.http.controller';
import { GetSecurityGroupHandler } from './queries/get-security-group/get-security-group.handler';
import { GetSecurityGroupHttpController } from './queries/get-security-group/get-security-group.http.controller';
import { ListSecurityGroupsHandler } from './queries/list-security-groups/list-security-groups.handler';
import { ListSecurityGroupsHttpController } from './queries/list-security-groups/list-security-groups.http.controller';

/**
 * The security-group use cases (create, read, list, edit, delete, applied-to), one folder each
 * under commands/ and queries/. Listed here so security-groups.module.ts stays a table of contents.
 */
export const GROUP_CONTROLLERS: Type[] = [
  CreateSecurityGroupHttpController,
  ListSecurityGroupsHttpController,
  GetSecurityGroupHttpController,
  UpdateSecurityGroupHttpController,
  DeleteSecurityGroupHttpController,
  SetAppliedToHttpController,
  AddAppliedToHttpController,
  RemoveAppliedToHttpController,
];

export const GROUP_HANDLERS: Type[] = [
  CreateSecurityGroupHandler,
  UpdateSecurityGroupHandler,
  DeleteSecurityGroupHandler,
  SetAppliedToHandler,
  AddAppliedToHandler,
  RemoveAppliedToHandler,
  GetSecurityGroupHandler,
  ListSecurityGroupsHandler,
];
