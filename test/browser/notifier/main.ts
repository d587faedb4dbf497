// The browser tests' second process: the real worker app (apps/worker's createWorker,
// which writes notifications as scheduled reminders and event handlers do) on the
// browser test's database, with one route that exists only here, in test code: it
// writes a notification for a demo person through Notifications.notify, so a spec can
// watch it arrive in the SPA served by the other process without a reload.
// Compiled with ./tsconfig.json and started by test/browser/playwright.config.ts.
import 'reflect-metadata';
import { Body, Controller, HttpCode, Module, NotFoundException, Post } from '@nestjs/common';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { createRootLogger, loadConfig, Notifications, Public, UnitOfWork } from '@zhongshu/platform';
import { createWorker } from '@zhongshu/worker';

class NotifyDto {
  @IsString() @Length(1, 64) username!: string;
  @IsString() @Length(1, 200) title!: string;
  @IsOptional() @IsString() @Matches(/^\/[^/]/) link?: string;
}

@Controller('test/notify')
class NotifyController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly notifications: Notifications,
  ) {}

  @Public()
  @Post()
  @HttpCode(204)
  async notify(@Body() body: NotifyDto): Promise<void> {
    await this.uow.run(async (manager) => {
      const [person] = await manager.query('SELECT id FROM org.person WHERE username = $1', [body.username]);
      if (!person) throw new NotFoundException(`no person ${body.username}`);
      await this.notifications.notify({ recipientId: person.id, kind: 'test.browser', title: body.title, link: body.link ?? null });
    });
  }
}

@Module({ controllers: [NotifyController] })
class NotifyModule {}

const config = loadConfig();
if (!config.databaseUrl) throw new Error('DATABASE_URL: the database of the API under test');
const logger = createRootLogger(config.logLevel, 'browser-notifier');
const app = await createWorker({ config, databaseUrl: config.databaseUrl, logger, extraModules: [NotifyModule] });
await app.listen({ port: config.port, host: config.host });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
