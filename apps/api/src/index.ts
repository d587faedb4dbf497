export { AppModule } from './app.module.js';
export type { AppModuleOptions } from './app.module.js';
export { createApi, DEFAULT_WEB_DIST } from './create-api.js';
export type { CreateApiOptions } from './create-api.js';
