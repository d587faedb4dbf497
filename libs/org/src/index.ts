export { OrgModule } from './org.module.js';
export { DEMO_PASSWORD, DEMO_PEOPLE, type DemoPerson } from './demo/org.demo-seed.js';
