export { OaModule } from './oa.module.js';
