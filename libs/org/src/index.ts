export { OrgModule } from './org.module.js';
export { DEMO_PASSWORD } from './demo/org.demo-seed.js';
