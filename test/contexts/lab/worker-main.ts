// The real worker app (apps/worker's createWorker) with the lab context loaded for the
// worker (`forWorker`: its handler, no controllers), as a process of its own. Compiled
// with ./tsconfig.json by the spec and run by node.
import 'reflect-metadata';
import { createWorker } from '@zhongshu/worker';
import { createRootLogger, loadConfig } from '@zhongshu/platform';
import { LabContext } from './lab.context.js';

const config = loadConfig({ ...process.env, RUN_WORKERS: 'true' });
const logger = createRootLogger(config.logLevel, 'lab-worker');
const app = await createWorker({ config, databaseUrl: config.databaseUrl!, logger, extraModules: [LabContext.forWorker()] });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.getHttpServer().address();
process.stdout.write(`READY pid=${process.pid} port=${typeof address === 'object' && address ? address.port : 0}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
