export { WorkerModule } from './worker.module.js';
export type { WorkerModuleOptions } from './worker.module.js';
export { createWorker } from './create-worker.js';
export type { CreateWorkerOptions } from './create-worker.js';
