import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { CONSOLE_PATH, consoleDirectory, serveConsole } from './console-files';

/**
 * The web console (apps/console), built into dist/console, at /console: static files that need no
 * key, since the console asks for one and talks to /v1 like any other client. Mounted on the HTTP
 * server itself rather than as routes, so the API's route table and OpenAPI document, which
 * describe the API, stay free of it. Before Nest adds its 404 handler (module init comes first).
 */
@Module({})
export class ConsoleModule implements OnModuleInit {
  constructor(@Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    this.adapterHost.httpAdapter.use(CONSOLE_PATH, serveConsole(consoleDirectory()));
  }
}
