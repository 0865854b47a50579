import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../../platform/auth/roles.decorator';
import { notFound } from '../platform/neutron-error';
import { TokenGuard } from '../platform/token.guard';
import { EXTENSIONS } from './extensions';

/** `GET /v2.0/extensions` and `/v2.0/extensions/{alias}`. */
@ApiExcludeController()
@Public()
@UseGuards(TokenGuard)
@Controller('v2.0/extensions')
export class ExtensionsHttpController {
  @Get()
  list() {
    return { extensions: EXTENSIONS };
  }

  @Get(':alias')
  show(@Param('alias') alias: string) {
    const extension = EXTENSIONS.find((e) => e.alias === alias);
    if (!extension) throw notFound(`Extension with alias ${alias} does not exist`, 'ExtensionNotFound');
    return { extension };
  }
}
