export { ErpModule } from './erp.module.js';
