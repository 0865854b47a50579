import { Controller, Get, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../../platform/auth/roles.decorator';
import { publicRoot } from '../catalog';

/** Keystone's version document: the openstack CLI discovers the v3 API through it. */
@ApiExcludeController()
@Public()
@Controller('identity')
export class GetVersionHttpController {
  @Get('v3')
  version(@Req() req: Request) {
    return { version: v3(req) };
  }

  /** The unversioned root lists the one version there is. */
  @Get()
  versions(@Req() req: Request) {
    return { versions: { values: [v3(req)] } };
  }
}

function v3(req: Request) {
  return {
    id: 'v3.14',
    status: 'stable',
    updated: '2020-04-07T00:00:00Z',
    links: [{ rel: 'self', href: `${publicRoot(req)}/identity/v3/` }],
    'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.identity-v3+json' }],
  };
}
