import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { consoleDirectory, serveConsole } from './console-files';

/**
 * The web console (apps/console), built into dist/console, at /console. Static files that need no
 * key: the console asks for one and talks to /v1 like any other client. A middleware rather than a
 * controller, so that the OpenAPI document, which describes the API, stays free of it.
 */
@Module({})
export class ConsoleModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(serveConsole(consoleDirectory())).forRoutes({ path: 'console', method: RequestMethod.GET }, { path: 'console/*path', method: RequestMethod.GET });
  }
}
